export * from './errors.ts';
export * from './roles.ts';
export * from './password-policy.ts';
export * from './schemas/common.ts';
export * from './schemas/auth.ts';
export * from './schemas/org.ts';
export * from './schemas/user.ts';
export * from './schemas/audit.ts';
