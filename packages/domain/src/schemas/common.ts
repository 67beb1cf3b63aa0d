import { z } from 'zod';

export const idSchema = z.uuid();
export const versionSchema = z.number().int().min(1);
/** A six-digit GB/T 2260 administrative division code. */
export const divisionCodeSchema = z.string().regex(/^\d{6}$/, 'GB/T 2260 代码应为 6 位数字');
export const nameSchema = z.string().trim().min(1).max(100);
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -');
