/**
 * The focus industries (重点产业) of the source document, as defaults for a new
 * tenant: each names the GB/T 4754-2017 code prefixes that belong to it, so a
 * project's focus industry follows from its industry code unless set by hand.
 */
export interface FocusIndustryDefault {
  name: string;
  codePrefixes: string[];
}

export const defaultFocusIndustries: FocusIndustryDefault[] = [
  // 通用设备, 专用设备, 汽车, 铁路船舶航空航天和其他运输设备
  { name: '汽车及装备制造', codePrefixes: ['34', '35', '36', '37'] },
  // 电气机械和器材制造业 (incl. 387 照明器具制造)
  { name: '照明电气', codePrefixes: ['38'] },
  // 合成材料, 专用化学产品, 非金属矿物制品, 有色金属冶炼和压延加工
  { name: '新型材料', codePrefixes: ['265', '266', '30', '32'] },
  // 医药制造业, 医疗仪器设备及器械制造
  { name: '现代医药', codePrefixes: ['27', '358'] },
];

/** The focus industry whose longest prefix matches the industry code, if any. */
export function matchFocusIndustry<T extends { codePrefixes: string[] }>(
  industryCode: string | null | undefined,
  focus: readonly T[],
): T | undefined {
  if (!industryCode) return undefined;
  let best: { item: T; length: number } | undefined;
  for (const item of focus) {
    for (const prefix of item.codePrefixes) {
      if (industryCode.startsWith(prefix) && (!best || prefix.length > best.length)) {
        best = { item, length: prefix.length };
      }
    }
  }
  return best?.item;
}
