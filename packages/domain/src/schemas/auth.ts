import { z } from 'zod';
import { nameSchema, divisionCodeSchema, usernameSchema } from './common.ts';

export const loginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const setupSchema = z.object({
  tenantName: nameSchema,
  divisionCode: divisionCodeSchema,
  adminUsername: usernameSchema,
  adminDisplayName: nameSchema.optional(),
  password: z.string().min(1).max(256),
});
export type SetupInput = z.infer<typeof setupSchema>;

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
