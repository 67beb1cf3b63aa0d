/**
 * An industry cell as offices write it → a GB/T 4754-2017 code. Offices type the code
 * ("3062", "C3062", "c 3062", "C30", "306"), the name ("玻璃纤维增强塑料制品制造", with
 * full-width brackets, spaces or 、/，), both ("C3062玻璃纤维增强塑料制品制造", "C 制造业",
 * "玻璃纤维增强塑料制品制造（3062）"), or a path ("制造业/非金属矿物制品业"). A code and a name
 * that disagree keep the code, with a warning; a code or name the standard does not have is
 * a warning and no value. Pure: the caller loads the reference rows.
 */
import { toHalfWidth } from '@landfall/domain/text';

export interface IndustryRef {
  code: string;
  level: 'section' | 'division' | 'group' | 'class';
  name: string;
  parent_code: string | null;
}

/** The code read from the cell (null when none), and a Chinese warning when it needs a look. */
export interface IndustryMatch {
  code: string | null;
  warning: string | null;
}

const unknownName = '未能对应到国民经济行业分类，行业留空';

/** A name's comparable form: half-width, lower case, without spaces, brackets and 、，;: and the like. */
export function industryNameKey(name: string): string {
  return toHalfWidth(name)
    .toLowerCase()
    .replace(/[\s\u200b\ufeff、,，;；:：·.。()（）[\]【】{}<>《》"'“”‘’]/g, '');
}

interface Parts {
  letter: string | null;
  digits: string | null;
  name: string;
}

const separators = /^[\s\-—–_.:、,;/|]+|[\s\-—–_.:、,;/|]+$/g;

/** Splits a cell into section letter, digits and name: leading code, else a code at the end. */
function splitCell(text: string): Parts {
  const t = toHalfWidth(text)
    .replace(/[\s\u200b\ufeff]+/g, ' ')
    .trim();
  const leading = /^(?:([A-Ta-t])(?![A-Za-z]))?\s*[-.]?\s*(?:(\d{1,4})(?![A-Za-z\d]))?(.*)$/s.exec(t);
  if (leading && (leading[1] || leading[2])) {
    return {
      letter: leading[1]?.toUpperCase() ?? null,
      digits: leading[2] ?? null,
      name: (leading[3] ?? '').replace(separators, ''),
    };
  }
  const bracketed = /^(.+?)\s*\(\s*([A-Ta-t])?\s*(\d{1,4})?\s*\)$/.exec(t);
  if (bracketed && (bracketed[2] || bracketed[3])) {
    return {
      letter: bracketed[2]?.toUpperCase() ?? null,
      digits: bracketed[3] ?? null,
      name: (bracketed[1] ?? '').replace(separators, ''),
    };
  }
  const trailing = /^(.*[^A-Za-z\d\s])\s*([A-Ta-t])?(\d{2,4})$/.exec(t);
  if (trailing) {
    return {
      letter: trailing[2]?.toUpperCase() ?? null,
      digits: trailing[3] ?? null,
      name: (trailing[1] ?? '').replace(separators, ''),
    };
  }
  return { letter: null, digits: null, name: t.replace(separators, '') };
}

/**
 * The matcher over the standard's rows. A name shared by several levels (a group with a single
 * class of the same name) gives the most specific code; such names always lie on one branch.
 */
export function industryMatcher(rows: readonly IndustryRef[]): (text: string) => IndustryMatch {
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const byKey = new Map<string, string>();
  const levelRank = { section: 0, division: 1, group: 2, class: 3 } as const;
  for (const row of [...rows].sort((a, b) => levelRank[a.level] - levelRank[b.level])) {
    byKey.set(industryNameKey(row.name), row.code);
  }
  const ancestors = (code: string): string[] => {
    const out: string[] = [];
    for (let c: string | null | undefined = code; c; c = byCode.get(c)?.parent_code) out.push(c);
    return out;
  };
  const label = (code: string) => `${code} ${byCode.get(code)?.name ?? ''}`.trim();

  const codeOf = ({ letter, digits }: Parts): string | null => {
    if (digits === null) return letter;
    if (byCode.has(digits)) return digits;
    // A number cell loses the leading zero of 农、林、牧、渔业 codes: 0111 → 111, 01 → 1.
    const padded = `0${digits}`;
    if (
      (digits.length === 1 || digits.length === 3) &&
      (letter === null || letter === 'A') &&
      byCode.has(padded)
    )
      return padded;
    return digits;
  };
  const nameCode = (name: string): string | null => {
    const whole = byKey.get(industryNameKey(name));
    if (whole) return whole;
    // A path, most specific last: 制造业/非金属矿物制品业, 制造业-汽车制造业.
    const pieces = name.split(/[/\\>|—\-→]+/).filter((piece) => piece.trim() !== '');
    if (pieces.length < 2) return null;
    for (const piece of pieces.reverse()) {
      const code = byKey.get(industryNameKey(piece));
      if (code) return code;
    }
    return null;
  };

  return (text: string): IndustryMatch => {
    const parts = splitCell(text);
    const code = codeOf(parts);
    const typedCode = `${parts.letter ?? ''}${parts.digits ?? ''}`;
    const fromName = parts.name ? nameCode(parts.name) : null;
    if (code === null)
      return fromName ? { code: fromName, warning: null } : { code: null, warning: unknownName };
    if (!byCode.has(code)) {
      if (fromName)
        return {
          code: fromName,
          warning: `行业代码「${typedCode}」不在国民经济行业分类（GB/T 4754-2017）中，已按名称取 ${label(fromName)}，请核对`,
        };
      return {
        code: null,
        warning: `行业代码「${typedCode}」不在国民经济行业分类（GB/T 4754-2017）中，行业留空`,
      };
    }
    const section = ancestors(code).at(-1) ?? code;
    if (parts.letter !== null && parts.letter !== section) {
      return {
        code,
        warning: `门类 ${parts.letter} 与行业代码 ${label(code)}（属门类 ${section}）不一致，已按代码取值，请核对`,
      };
    }
    if (!parts.name) return { code, warning: null };
    const official = industryNameKey(byCode.get(code)?.name ?? '');
    const typed = industryNameKey(parts.name);
    // The code's own name ('K 房地产业', though division 70 has that name too), or a wider one.
    if (typed === official || (fromName && ancestors(code).includes(fromName)))
      return { code, warning: null };
    // A wider code before a narrower name ('30 玻璃纤维增强塑料制品制造'): the name's.
    if (fromName && ancestors(fromName).includes(code)) return { code: fromName, warning: null };
    if (!fromName && typed.length >= 2 && (official.includes(typed) || typed.includes(official)))
      return { code, warning: null };
    // A lone letter before a name that is not its section's is part of the name ('A股上市公司').
    if (parts.digits === null) return { code: null, warning: unknownName };
    return {
      code,
      warning: `行业代码 ${label(code)} 与名称「${parts.name}」${fromName ? `（${label(fromName)}）` : ''}不一致，已按代码取值，请核对`,
    };
  };
}
