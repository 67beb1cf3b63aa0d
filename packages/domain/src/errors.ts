/**
 * The one error vocabulary shared by server and web. The server answers
 * `{ error: ErrorBody }` with the HTTP status of `errorStatus[code]`; the web
 * client turns every non-2xx into an ApiError carrying the same body.
 */
export const errorCodes = [
  'validation_failed',
  'invalid_credentials',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'csrf_invalid',
  'not_found',
  'conflict',
  'duplicate',
  'stale_version',
  'setup_done',
  'setup_required',
  'password_policy',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'password_change_required',
  'account_idle',
  'host_not_allowed',
  'origin_not_allowed',
  'totp_required',
  'totp_enrolment_required',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  password_policy: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  stale_version: 409,
  setup_done: 409,
  setup_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  password_change_required: 403,
  account_idle: 403,
  host_not_allowed: 421,
  origin_not_allowed: 403,
  totp_required: 401,
  totp_enrolment_required: 403,
  internal: 500,
};

export type Locale = 'zh-CN' | 'en-US';

export const errorMessages: Record<ErrorCode, Record<Locale, string>> = {
  validation_failed: { 'zh-CN': '输入有误，请检查标出的字段', 'en-US': 'Some fields are invalid' },
  password_policy: {
    'zh-CN': '密码不符合安全要求',
    'en-US': 'The password does not meet the password rules',
  },
  invalid_credentials: {
    'zh-CN': '用户名或密码错误，或账户已被锁定',
    'en-US': 'Wrong username or password, or the account is locked',
  },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please log in' },
  session_expired: {
    'zh-CN': '登录已过期，请重新登录',
    'en-US': 'Your session has expired; please log in again',
  },
  forbidden: { 'zh-CN': '您没有执行此操作的权限', 'en-US': 'You are not allowed to do this' },
  csrf_invalid: {
    'zh-CN': '页面已过期，请刷新后重试',
    'en-US': 'The page is out of date; reload it and try again',
  },
  not_found: { 'zh-CN': '记录不存在', 'en-US': 'Not found' },
  conflict: { 'zh-CN': '操作与当前数据冲突', 'en-US': 'This conflicts with the current data' },
  duplicate: { 'zh-CN': '已存在相同的记录', 'en-US': 'A record with the same key already exists' },
  stale_version: {
    'zh-CN': '该记录已被他人修改，请在最新内容基础上重新编辑',
    'en-US': 'Someone else changed this record; edit the current version again',
  },
  setup_done: { 'zh-CN': '系统已完成初始化，不能重复执行', 'en-US': 'Landfall has already been set up' },
  setup_required: { 'zh-CN': '系统尚未初始化', 'en-US': 'Landfall has not been set up yet' },
  payload_too_large: { 'zh-CN': '提交的内容过大', 'en-US': 'The request is too large' },
  unsupported_media_type: { 'zh-CN': '不支持的内容类型', 'en-US': 'Unsupported content type' },
  rate_limited: { 'zh-CN': '操作过于频繁，请稍后再试', 'en-US': 'Too many requests; try again later' },
  password_change_required: {
    'zh-CN': '请先修改管理员为您设置的密码',
    'en-US': 'Change the password your administrator set before going on',
  },
  account_idle: {
    'zh-CN': '账户长期未使用，已被停用，请联系系统管理员启用',
    'en-US':
      'This account was unused for too long and has been disabled; ask your administrator to enable it',
  },
  host_not_allowed: {
    'zh-CN': '此地址不是本系统的访问地址，请使用管理员公布的网址',
    'en-US': 'This host is not where Landfall is served; use the address your administrator gave',
  },
  origin_not_allowed: {
    'zh-CN': '请求来自其他网站，已拒绝',
    'en-US': 'The request came from another site and was refused',
  },
  totp_required: {
    'zh-CN': '请输入身份验证器中的动态验证码',
    'en-US': 'Enter the code from your authenticator app',
  },
  totp_enrolment_required: {
    'zh-CN': '请先绑定身份验证器（双因素认证）',
    'en-US': 'Set up your authenticator app (two-factor authentication) before going on',
  },
  internal: {
    'zh-CN': '服务器内部错误，请将请求编号告知管理员',
    'en-US': 'Internal error; give the request id to your administrator',
  },
};

/** One invalid field: a path into the input and a message. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  fields?: FieldIssue[];
  /** Extra data, e.g. the current record on stale_version. */
  details?: unknown;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}
