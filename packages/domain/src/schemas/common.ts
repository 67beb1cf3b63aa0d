import { z } from 'zod';

export const idSchema = z.uuid();
/** The largest value of a PostgreSQL integer (int4) column: versions, scores, counts stored as int4. */
export const INT4_MAX = 2_147_483_647;
export const versionSchema = z.number().int().min(1).max(INT4_MAX, '版本号无效');
/** The version of a setting, 0 while it has never been saved. */
export const settingVersionSchema = z.number().int().min(0).max(INT4_MAX, '版本号无效');
/** A six-digit GB/T 2260 administrative division code. */
export const divisionCodeSchema = z.string().regex(/^\d{6}$/, 'GB/T 2260 代码应为 6 位数字');
export const nameSchema = z.string().trim().min(1).max(100);
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -');
