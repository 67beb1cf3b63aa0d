/**
 * Place names as ledgers write them (广东省佛山市, 广东佛山, 佛山市顺德区, 深圳, 上海) resolved to
 * GB/T 2260 divisions: the deepest division the text names, walking province → city → county
 * by full names or by their short forms (佛山 for 佛山市, 广西 for 广西壮族自治区).
 */
import { toHalfWidth } from '@landfall/domain/text';
import type { FundingSource } from '@landfall/domain/regions';
import type { Tx } from '../context.ts';

interface Division {
  code: string;
  level: 'province' | 'city' | 'county';
  name: string;
  parent_code: string | null;
}

const suffixes = [
  '维吾尔自治区',
  '壮族自治区',
  '回族自治区',
  '特别行政区',
  '自治区',
  '自治州',
  '自治县',
  '地区',
  '新区',
  '省',
  '市',
  '区',
  '县',
  '盟',
  '旗',
];

/** 广西壮族自治区 → 广西, 佛山市 → 佛山, 内蒙古自治区 → 内蒙古; names of two characters keep their suffix. */
function shortName(name: string): string {
  for (const s of suffixes) {
    if (name.endsWith(s) && name.length - s.length >= 2) {
      let short = name.slice(0, -s.length);
      // 延边朝鲜族自治州 → 延边, 恩施土家族苗族自治州 → 恩施
      const ethnic = short.search(/[\u4e00-\u9fff]{1,6}族/);
      if (ethnic >= 2 && s.startsWith('自治')) short = short.slice(0, ethnic);
      return short;
    }
  }
  return name;
}

/** Words for places outside the mainland divisions: investors from abroad or 港澳台. */
const abroadWords = [
  '香港',
  '澳门',
  '台湾',
  '美国',
  '日本',
  '韩国',
  '新加坡',
  '德国',
  '英国',
  '法国',
  '意大利',
  '荷兰',
  '瑞士',
  '瑞典',
  '加拿大',
  '澳大利亚',
  '泰国',
  '马来西亚',
  '印度尼西亚',
  '越南',
  '以色列',
  '俄罗斯',
  '开曼',
  '维尔京',
  '境外',
  '国外',
];

export type PlaceResult =
  { kind: 'division'; code: string } | { kind: 'abroad' } | { kind: 'unknown' } | { kind: 'empty' };

export class PlaceResolver {
  private byParent = new Map<string | null, Division[]>();
  private byCode = new Map<string, Division>();
  private cache = new Map<string, PlaceResult>();

  constructor(divisions: Division[]) {
    for (const d of divisions) {
      this.byCode.set(d.code, d);
      const list = this.byParent.get(d.parent_code) ?? [];
      list.push(d);
      this.byParent.set(d.parent_code, list);
    }
  }

  static async load(db: Tx) {
    const rows = await db.selectFrom('division').select(['code', 'level', 'name', 'parent_code']).execute();
    return new PlaceResolver(rows as Division[]);
  }

  resolve(raw: string | null | undefined): PlaceResult {
    const text = toHalfWidth(String(raw ?? ''))
      .replace(/\s+/g, '')
      .replace(/^(中国|中华人民共和国)/, '');
    if (!text) return { kind: 'empty' };
    const cached = this.cache.get(text);
    if (cached) return cached;
    const result = this.resolveText(text);
    this.cache.set(text, result);
    return result;
  }

  /** Whether the code is a known division (for 6-digit codes typed into the place column). */
  has(code: string) {
    return this.byCode.has(code);
  }

  private resolveText(text: string): PlaceResult {
    if (/^\d{6}$/.test(text))
      return this.byCode.has(text) ? { kind: 'division', code: text } : { kind: 'unknown' };
    if (abroadWords.some((w) => text.startsWith(w))) return { kind: 'abroad' };
    // Top-down from a province.
    const province = this.matchPrefix(text, this.byParent.get(null) ?? []);
    if (province) {
      const deeper = this.descend(province.rest, province.division);
      return { kind: 'division', code: deeper.code };
    }
    // A city or county named without its province: accept only an unambiguous match.
    const cities = [...this.byCode.values()].filter((d) => d.level === 'city');
    const city = this.matchPrefix(text, cities, true);
    if (city) return { kind: 'division', code: this.descend(city.rest, city.division).code };
    const counties = [...this.byCode.values()].filter((d) => d.level === 'county');
    const county = this.matchPrefix(text, counties, true, true);
    if (county) return { kind: 'division', code: county.division.code };
    return { kind: 'unknown' };
  }

  private descend(rest: string, from: Division): Division {
    let current = from;
    let remaining = rest;
    for (let depth = 0; depth < 2 && remaining; depth += 1) {
      const next = this.matchPrefix(remaining, this.childrenOf(current.code));
      if (!next) break;
      current = next.division;
      remaining = next.rest;
    }
    return current;
  }

  /** Children, looking through the placeholders 市辖区 and 县 of the municipalities. */
  private childrenOf(code: string): Division[] {
    const children = this.byParent.get(code) ?? [];
    return children.flatMap((c) =>
      c.name === '市辖区' || c.name === '县' ? [c, ...(this.byParent.get(c.code) ?? [])] : [c],
    );
  }

  /** The candidate whose full or short name starts the text (full names first, longest first). */
  private matchPrefix(text: string, candidates: Division[], unique = false, fullOnly = false) {
    const found: { division: Division; rest: string }[] = [];
    for (const d of candidates) {
      if (text.startsWith(d.name)) found.push({ division: d, rest: text.slice(d.name.length) });
    }
    if (!found.length && !fullOnly) {
      for (const d of candidates) {
        const short = shortName(d.name);
        if (short !== d.name && short.length >= 2 && text.startsWith(short)) {
          found.push({ division: d, rest: text.slice(short.length) });
        }
      }
    }
    if (!found.length) return undefined;
    found.sort((a, b) => a.rest.length - b.rest.length);
    if (unique) {
      const best = found.filter((f) => f.rest.length === found[0]!.rest.length);
      if (best.length > 1) return undefined;
    }
    return found[0];
  }

  /** The full name path of a division (广东省佛山市顺德区), as an export writes it. */
  fullName(code: string | null | undefined): string {
    if (!code) return '';
    const names: string[] = [];
    let current = this.byCode.get(code);
    while (current) {
      names.unshift(current.name);
      current = current.parent_code ? this.byCode.get(current.parent_code) : undefined;
    }
    // 北京市市辖区东城区 reads as 北京市东城区
    return names.filter((n) => n !== '市辖区' && n !== '县').join('');
  }

  /**
   * 到位资金来源 of an investor from this place, for a tenant in `tenantDivision`: abroad; outside
   * the province (also when the place is unknown or not given, as before); inside the city when the
   * place lies in the tenant's city (same first four digits, the tenant below province level) or,
   * for a municipality (北京, 天津, 上海, 重庆), anywhere in it; else outside the city, in the province.
   */
  fundingSource(place: PlaceResult, tenantDivision: string): FundingSource {
    if (place.kind === 'abroad') return 'abroad';
    if (place.kind !== 'division') return 'outside_province';
    const province = tenantDivision.slice(0, 2);
    if (place.code.slice(0, 2) !== province) return 'outside_province';
    if (municipalities.includes(province)) return 'inside_city';
    const belowProvince = tenantDivision.slice(2, 4) !== '00';
    if (belowProvince && place.code.slice(0, 4) === tenantDivision.slice(0, 4)) return 'inside_city';
    return 'outside_city_in_province';
  }
}

/** 北京, 天津, 上海, 重庆: the city is the province-level division itself. */
const municipalities = ['11', '12', '31', '50'];
