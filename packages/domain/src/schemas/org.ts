import { z } from 'zod';
import { divisionCodeSchema, idSchema, nameSchema, versionSchema } from './common.ts';

export const tenantLevels = ['province', 'city', 'district'] as const;
export type TenantLevel = (typeof tenantLevels)[number];

export const tenantCreateSchema = z.object({
  parentId: idSchema,
  name: nameSchema,
  divisionCode: divisionCodeSchema,
});
export type TenantCreateInput = z.infer<typeof tenantCreateSchema>;

export const tenantUpdateSchema = z.object({ name: nameSchema, version: versionSchema });
export type TenantUpdateInput = z.infer<typeof tenantUpdateSchema>;

/** 责任单位 kinds: a department, a town or street, the development-zone committee, other. */
export const unitKinds = ['department', 'town', 'zone', 'other'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const unitCreateSchema = z.object({
  tenantId: idSchema.optional(),
  name: nameSchema,
  kind: z.enum(unitKinds),
  groupId: idSchema.nullable().optional(),
});
export type UnitCreateInput = z.infer<typeof unitCreateSchema>;

export const unitUpdateSchema = z.object({
  name: nameSchema,
  kind: z.enum(unitKinds),
  groupId: idSchema.nullable(),
  active: z.boolean(),
  version: versionSchema,
});
export type UnitUpdateInput = z.infer<typeof unitUpdateSchema>;

/** The joint meeting's working groups (工作组); the four defaults carry a kind. */
export const groupKinds = ['coordination', 'new_projects', 'in_zone', 'out_zone', 'other'] as const;
export type GroupKind = (typeof groupKinds)[number];

export const defaultGroups: { kind: GroupKind; name: string }[] = [
  { kind: 'coordination', name: '综合协调组' },
  { kind: 'new_projects', name: '新引进项目组' },
  { kind: 'in_zone', name: '经开区内企业招商项目组' },
  { kind: 'out_zone', name: '经开区外企业招商项目组' },
];

export const groupCreateSchema = z.object({ tenantId: idSchema.optional(), name: nameSchema });
export type GroupCreateInput = z.infer<typeof groupCreateSchema>;

export const groupUpdateSchema = z.object({ name: nameSchema, version: versionSchema });
export type GroupUpdateInput = z.infer<typeof groupUpdateSchema>;

/** 召集人: a district leader convening the joint meeting. */
export const convenerCreateSchema = z.object({
  tenantId: idSchema.optional(),
  name: nameSchema,
  title: z.string().trim().max(100).default(''),
  userId: idSchema.nullable().optional(),
});
export type ConvenerCreateInput = z.infer<typeof convenerCreateSchema>;

export const convenerUpdateSchema = z.object({
  name: nameSchema,
  title: z.string().trim().max(100),
  userId: idSchema.nullable(),
  active: z.boolean(),
  version: versionSchema,
});
export type ConvenerUpdateInput = z.infer<typeof convenerUpdateSchema>;
