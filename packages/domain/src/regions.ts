/**
 * Where investment comes from (客商来源地区), derived from the investor's GB/T 2260
 * six-digit division code, and the sources of funds in place (到位资金来源).
 */
import type { Locale } from './errors.ts';

export const regions = ['local', 'yrd', 'prd', 'bohai', 'other'] as const;
export type Region = (typeof regions)[number];

export const regionLabels: Record<Region, Record<Locale, string>> = {
  local: { 'zh-CN': '本省', 'en-US': 'Home province' },
  yrd: { 'zh-CN': '长三角', 'en-US': 'Yangtze River Delta' },
  prd: { 'zh-CN': '珠三角', 'en-US': 'Pearl River Delta' },
  bohai: { 'zh-CN': '环渤海', 'en-US': 'Bohai Rim' },
  other: { 'zh-CN': '其他地区', 'en-US': 'Elsewhere' },
};

/** 长三角: 上海 31, 江苏 32, 浙江 33, 安徽 34 (provinces). */
const yangtzeDeltaProvinces = ['31', '32', '33', '34'];
/** 珠三角: 广州, 深圳, 珠海, 佛山, 江门, 肇庆, 惠州, 东莞, 中山 (cities of Guangdong). */
const pearlDeltaCities = ['4401', '4403', '4404', '4406', '4407', '4412', '4413', '4419', '4420'];
/** 环渤海: 北京 11, 天津 12, 河北 13, 辽宁 21, 山东 37 (provinces). */
const bohaiRimProvinces = ['11', '12', '13', '21', '37'];

const divisionPattern = /^\d{6}$/;

/**
 * The region of an investor's origin. 'local' (same province as the tenant) is checked
 * first, so a Jiangsu district's Jiangsu investor is local, not 长三角. No code, or not a
 * six-digit code, gives null (unknown).
 */
export function deriveRegion(
  originCode: string | null | undefined,
  tenantDivisionCode: string,
): Region | null {
  if (!divisionPattern.test(tenantDivisionCode)) {
    throw new RangeError(`tenant division code must be 6 digits: ${tenantDivisionCode}`);
  }
  const origin = originCode?.trim() ?? '';
  if (!divisionPattern.test(origin)) return null;
  const province = origin.slice(0, 2);
  if (province === tenantDivisionCode.slice(0, 2)) return 'local';
  if (yangtzeDeltaProvinces.includes(province)) return 'yrd';
  if (pearlDeltaCities.includes(origin.slice(0, 4))) return 'prd';
  if (bohaiRimProvinces.includes(province)) return 'bohai';
  return 'other';
}

/**
 * 到位资金来源: from outside the city but inside the province, outside the province, abroad,
 * and inside the city (本市: an investor of the tenant's own city, or the local side's money, 我方).
 * 招商引资 counts money brought in from outside the city (市外口径): the first three sources.
 * Inside-the-city funds are recorded — they are the project's money — but outside that 口径.
 */
export const fundingSources = [
  'outside_city_in_province',
  'outside_province',
  'abroad',
  'inside_city',
] as const;
export type FundingSource = (typeof fundingSources)[number];

/** The sources counted as funds brought in from outside the city (市外口径). */
export const outsideCitySources: readonly FundingSource[] = [
  'outside_city_in_province',
  'outside_province',
  'abroad',
];

export function isOutsideCity(source: FundingSource | null | undefined): boolean {
  return source !== 'inside_city';
}

export const fundingSourceLabels: Record<FundingSource, Record<Locale, string>> = {
  outside_city_in_province: { 'zh-CN': '市外省内', 'en-US': 'Outside the city, inside the province' },
  outside_province: { 'zh-CN': '省外', 'en-US': 'Outside the province' },
  abroad: { 'zh-CN': '境外', 'en-US': 'Abroad' },
  inside_city: { 'zh-CN': '市内', 'en-US': 'Inside the city' },
};
