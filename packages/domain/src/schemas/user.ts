import { z } from 'zod';
import { roles } from '../roles.ts';
import { idSchema, nameSchema, usernameSchema, versionSchema } from './common.ts';

export const userCreateSchema = z.object({
  tenantId: idSchema.optional(),
  username: usernameSchema,
  displayName: nameSchema,
  role: z.enum(roles),
  unitId: idSchema.nullable().optional(),
  password: z.string().min(1).max(256),
});
export type UserCreateInput = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  displayName: nameSchema,
  unitId: idSchema.nullable(),
  version: versionSchema,
});
export type UserUpdateInput = z.infer<typeof userUpdateSchema>;

export const userRoleSchema = z.object({
  role: z.enum(roles),
  unitId: idSchema.nullable(),
  version: versionSchema,
});
export type UserRoleInput = z.infer<typeof userRoleSchema>;

export const userPasswordResetSchema = z.object({ password: z.string().min(1).max(256) });
export type UserPasswordResetInput = z.infer<typeof userPasswordResetSchema>;
