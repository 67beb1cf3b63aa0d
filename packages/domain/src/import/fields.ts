/**
 * The fields an imported ledger row can fill, and the matching of a sheet's column headers to
 * them. Offices name the same column many ways (协议投资额, 总投资, 合同投资额 …) and split some
 * over two header rows (投资方 over 名称 | 统一社会信用代码 | 所在地); a header is normalised,
 * then looked up with its parent group, then in the synonym table, then by a few patterns.
 */
import type { Locale } from '../errors.ts';
import type { AmountUnit } from '../money.ts';
import { toHalfWidth } from '../text.ts';
import { detectAmountUnit } from './amounts.ts';
import {
  dateGroupParents,
  headerGroups,
  headerSynonyms,
  nameStandInHeaders,
  plannedDateGroupParents,
  weakNameHeaders,
  weakNamePattern,
} from './header-synonyms.ts';

export { headerGroups, headerSynonyms } from './header-synonyms.ts';

/**
 * The 其中 columns that break a funds figure down by where the money comes from (到位资金来源):
 * 国内市外, 市外省内, 省外, 境外/外资, 我方 (the local side), 合作方 (the partner). See funds-breakdown.ts.
 */
export const fundsSourceFields = [
  'fundsOutsideCity',
  'fundsOutsideCityInProvince',
  'fundsOutsideProvince',
  'fundsAbroad',
  'fundsOurSide',
  'fundsPartner',
] as const;
export type FundsSourceField = (typeof fundsSourceFields)[number];
const sourceFieldSet: ReadonlySet<string> = new Set(fundsSourceFields);
/** Amount fields that are not funds: a 其中：省外 under 协议投资额 is not a funds breakdown. */
const notFundsAmounts: ReadonlySet<string> = new Set(['agreedInvestment', 'fixedAsset', 'fundsYearPlan']);

export const importFields = [
  'seq',
  'name',
  'investorName',
  'investorCreditCode',
  'investorPlace',
  'unit',
  'district',
  'stage',
  'industry',
  'capitalKind',
  'projectKind',
  'constructionContent',
  'agreedInvestment',
  'fixedAsset',
  'fundsYearPlan',
  'fundsMonth',
  'fundsYear',
  'fundsCumulative',
  'fundsOutsideCity',
  'fundsOutsideCityInProvince',
  'fundsOutsideProvince',
  'fundsAbroad',
  'fundsOurSide',
  'fundsPartner',
  'enteredOn',
  'signedOn',
  'agreementKind',
  'registeredOn',
  'localCreditCode',
  'plannedStartOn',
  'actualStartOn',
  'plannedProductionOn',
  'productionOn',
  'landMu',
  'leaderInCharge',
  'contactName',
  'contactPhone',
  'progress',
  'problems',
  'nextSteps',
  'remarks',
  'updatedOn',
] as const;
export type ImportField = (typeof importFields)[number];

export type ImportFieldKind = 'text' | 'amount' | 'date' | 'number' | 'stage' | 'code';

const amountFields = [
  'agreedInvestment',
  'fixedAsset',
  'fundsYearPlan',
  'fundsMonth',
  'fundsYear',
  'fundsCumulative',
  ...fundsSourceFields,
];
const dateFields = [
  'enteredOn',
  'signedOn',
  'registeredOn',
  'plannedStartOn',
  'actualStartOn',
  'plannedProductionOn',
  'productionOn',
  'updatedOn',
];

function kindOf(field: ImportField): ImportFieldKind {
  if (amountFields.includes(field)) return 'amount';
  if (dateFields.includes(field)) return 'date';
  if (field === 'landMu' || field === 'seq') return 'number';
  if (field === 'stage') return 'stage';
  if (field === 'investorCreditCode' || field === 'localCreditCode') return 'code';
  return 'text';
}

export const importFieldKinds: Record<ImportField, ImportFieldKind> = Object.fromEntries(
  importFields.map((field) => [field, kindOf(field)]),
) as Record<ImportField, ImportFieldKind>;

export const importFieldLabels: Record<ImportField, Record<Locale, string>> = {
  seq: { 'zh-CN': '序号', 'en-US': 'No.' },
  name: { 'zh-CN': '项目名称', 'en-US': 'Project name' },
  investorName: { 'zh-CN': '投资方名称', 'en-US': 'Investor' },
  investorCreditCode: { 'zh-CN': '统一社会信用代码', 'en-US': 'Investor credit code' },
  investorPlace: { 'zh-CN': '投资方所在地', 'en-US': 'Investor location' },
  unit: { 'zh-CN': '责任单位', 'en-US': 'Responsible unit' },
  stage: { 'zh-CN': '项目阶段', 'en-US': 'Stage' },
  industry: { 'zh-CN': '所属行业', 'en-US': 'Industry' },
  capitalKind: { 'zh-CN': '内外资', 'en-US': 'Domestic or foreign capital' },
  projectKind: { 'zh-CN': '项目性质(新建/扩建)', 'en-US': 'New or expansion' },
  constructionContent: { 'zh-CN': '建设内容', 'en-US': 'Construction content' },
  agreedInvestment: { 'zh-CN': '协议投资额', 'en-US': 'Agreed investment' },
  fixedAsset: { 'zh-CN': '其中固定资产投资', 'en-US': 'Of which fixed-asset investment' },
  fundsYearPlan: { 'zh-CN': '本年计划到位', 'en-US': 'Funds planned this year' },
  fundsMonth: { 'zh-CN': '本月到位', 'en-US': 'Funds in place this month' },
  fundsYear: { 'zh-CN': '本年累计到位', 'en-US': 'Funds in place this year' },
  fundsCumulative: { 'zh-CN': '累计到位', 'en-US': 'Funds in place to date' },
  fundsOutsideCity: { 'zh-CN': '其中：国内市外', 'en-US': 'Of which: from outside the city (domestic)' },
  fundsOutsideCityInProvince: {
    'zh-CN': '其中：市外省内',
    'en-US': 'Of which: from outside the city, inside the province',
  },
  fundsOutsideProvince: { 'zh-CN': '其中：省外', 'en-US': 'Of which: from outside the province' },
  fundsAbroad: { 'zh-CN': '其中：境外（外资）', 'en-US': 'Of which: from abroad (foreign)' },
  fundsOurSide: { 'zh-CN': '其中：我方', 'en-US': 'Of which: our side (local)' },
  fundsPartner: { 'zh-CN': '其中：合作方', 'en-US': 'Of which: the partner' },
  enteredOn: { 'zh-CN': '入库时间', 'en-US': 'Entered on' },
  signedOn: { 'zh-CN': '签约时间', 'en-US': 'Signed on' },
  agreementKind: { 'zh-CN': '签约类型', 'en-US': 'Agreement kind' },
  registeredOn: { 'zh-CN': '注册时间', 'en-US': 'Registered on' },
  plannedStartOn: { 'zh-CN': '计划开工时间', 'en-US': 'Planned start' },
  actualStartOn: { 'zh-CN': '开工时间', 'en-US': 'Construction started on' },
  plannedProductionOn: { 'zh-CN': '计划投产时间', 'en-US': 'Planned production' },
  productionOn: { 'zh-CN': '投产时间', 'en-US': 'Production started on' },
  landMu: { 'zh-CN': '用地面积（亩）', 'en-US': 'Land (mu)' },
  leaderInCharge: { 'zh-CN': '联系领导', 'en-US': 'Leader in charge' },
  contactName: { 'zh-CN': '联系人', 'en-US': 'Contact' },
  contactPhone: { 'zh-CN': '联系电话', 'en-US': 'Contact phone' },
  progress: { 'zh-CN': '目前进展', 'en-US': 'Progress' },
  problems: { 'zh-CN': '存在问题', 'en-US': 'Problems' },
  nextSteps: { 'zh-CN': '下步计划', 'en-US': 'Next steps' },
  remarks: { 'zh-CN': '备注', 'en-US': 'Remarks' },
  localCreditCode: { 'zh-CN': '项目公司统一社会信用代码', 'en-US': 'Local credit code' },
  district: { 'zh-CN': '区县', 'en-US': 'District' },
  updatedOn: { 'zh-CN': '更新日期', 'en-US': 'Updated on' },
};

const trailingBracket = /(?:\([^()]*\)|【[^【】]*】|\[[^[\]]*\]|〔[^〔〕]*〕|<[^<>]*>)$/;

/**
 * The comparable form of a header: half-width, lower case, without whitespace or line breaks,
 * '*' and similar marks, colons, and trailing bracketed suffixes such as units:
 * ' 协议投资额\n（万元）*' → '协议投资额', '其中：固定资产投资' → '其中固定资产投资'.
 */
export function normaliseHeader(text: string): string {
  let out = toHalfWidth(text)
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/[*※★☆▲△:]/g, '')
    .toLowerCase();
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(trailingBracket, '').replace(/[、,.;。]+$/, '');
  }
  return out;
}

const exactMatches = new Map<string, ImportField>();
for (const field of importFields) {
  for (const synonym of headerSynonyms[field]) {
    const key = normaliseHeader(synonym);
    if (!exactMatches.has(key)) exactMatches.set(key, field);
  }
}

function exact(header: string): ImportField | null {
  return (
    exactMatches.get(header) ?? (header.startsWith('其中') ? exactMatches.get(header.slice(2)) : null) ?? null
  );
}

const monthNumber = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';

const patterns: Array<[RegExp, ImportField]> = [
  [
    new RegExp(
      `^(?:本年|今年|\\d{4}年度?)?(?:1|一)[-~—–至到]${monthNumber}月份?(?:累计)?(?:实际)?(?:到位|到资)`,
    ),
    'fundsYear',
  ],
  [/^\d{4}年度?(?:计划到位|到位计划)/, 'fundsYearPlan'],
  [/^\d{4}年度?(?:累计)?(?:实际)?到位/, 'fundsYear'],
  [new RegExp(`^${monthNumber}月份?(?:实际)?到位`), 'fundsMonth'],
  [/^截[至止].*累计到位/, 'fundsCumulative'],
  [/信用代码|组织机构代码/, 'investorCreditCode'],
  [/^项目名称/, 'name'],
  [/^(?:所属)?国民经济行业|^(?:所属)?(?:行业|产业)(?:门类|大类|分类|类别|类型|代码|名称)/, 'industry'],
  [/^(?:协议|合同|签约)(?:总)?投资|^(?:计划)?总投资/, 'agreedInvestment'],
  [/^(?:其中)?固定资产投资/, 'fixedAsset'],
  [/联系领导|包抓领导|分管领导|挂联领导|包联领导/, 'leaderInCharge'],
  [/责任单位|牵头单位/, 'unit'],
  [/电话|手机/, 'contactPhone'],
  [/进展/, 'progress'],
  [/问题/, 'problems'],
  [/^下一?步/, 'nextSteps'],
  [/备注$/, 'remarks'],
];

/**
 * How sure a header match is: 4 parent group + child, 3 synonym, 2 pattern, 1 a weak name
 * header (a bare 名称, 在万州注册名称, 项目公司名称).
 */
export type HeaderMatchStrength = 1 | 2 | 3 | 4;
export interface HeaderMatch {
  field: ImportField;
  strength: HeaderMatchStrength;
  /** The field the header names instead when no column of the sheet names it: 企业名称 → name. */
  standIn?: ImportField;
}

const weakNames = new Set(weakNameHeaders.map(normaliseHeader));
const nameStandIns = new Set(nameStandInHeaders.map(normaliseHeader));

function matchUnderParent(header: string, parent: string): HeaderMatch | null | undefined {
  for (const group of headerGroups) {
    if (!group.parents.includes(parent)) continue;
    if (Object.hasOwn(group.children, header)) {
      const field = group.children[header];
      return field ? { field, strength: 4 } : null;
    }
    const byPattern = group.childPatterns?.find(([pattern]) => pattern.test(header));
    if (byPattern) return { field: byPattern[1], strength: 4 };
  }
  if (dateGroupParents.includes(parent) || plannedDateGroupParents.includes(parent)) {
    const planned = plannedDateGroupParents.includes(parent) ? '计划' : '';
    const field = exact(`${planned}${header}时间`) ?? exact(`${planned}${header}`);
    if (field && importFieldKinds[field] === 'date') return { field, strength: 4 };
  }
  const joined = exact(parent + header) ?? exact(header + parent);
  return joined ? { field: joined, strength: 4 } : undefined;
}

/**
 * The field a header names and how sure the match is. `parent` is the group header above it
 * (forward-filled over a merged cell), if any. A bare 名称 under no known group, or the name of
 * the company the project registered (在万州注册名称, 项目公司名称, 项目业主), is a weak
 * (strength 1) match for the project name: proposeMapping lets a real 项目名称 column win.
 * 企业名称 names the investor, with the project name as its stand-in (see proposeMapping).
 */
export function rankHeader(header: string, parent?: string | null): HeaderMatch | null {
  if (parent?.includes('/')) return rankPath([...parent.split('/'), header]);
  const text = normaliseHeader(header);
  const group = parent ? normaliseHeader(parent) : '';
  // 合计 under a group is the group's own figure: 到位资金/合计 → 到位资金.
  if (group !== '' && totalLeaf.test(text)) return rankHeader(parent!);
  if (text === '') return group === '' ? null : rankHeader(group);
  if (group !== '' && group !== text) {
    const underParent = matchUnderParent(text, group);
    if (underParent !== undefined) return underParent;
  }
  const field = exact(text);
  if (field && sourceFieldSet.has(field) && group !== '') {
    const parentField = exact(group) ?? rankHeader(group)?.field;
    if (parentField && notFundsAmounts.has(parentField)) return null;
  }
  if (field) return nameStandIns.has(text) ? { field, strength: 3, standIn: 'name' } : { field, strength: 3 };
  if ([...text].length <= 16) {
    for (const [pattern, patternField] of patterns) {
      if (pattern.test(text)) return { field: patternField, strength: 2 };
    }
  }
  if (weakNames.has(text) || weakNamePattern.test(text)) return { field: 'name', strength: 1 };
  return null;
}

/** A leaf that is its group's own total: 合计, 小计, 总计, 计, 金额 … */
const totalLeaf = /^(?:合计|小计|总计|总额|共计|计|金额|数额|合计数|总数)$/;

/**
 * A header under several groups, top first (实际到位资金 / 本月 / 合计): a total leaf stands for
 * its group; otherwise the leaf read under its nearest group that knows it (strength 4), else
 * under the nearest group. A 其中 breakdown (其中：境外) under a group of groups is only what
 * such a group names exactly: it must not take its group's field.
 */
function rankPath(path: readonly string[]): HeaderMatch | null {
  const texts = path.filter((text) => normaliseHeader(text) !== '');
  while (texts.length > 1 && totalLeaf.test(normaliseHeader(texts.at(-1)!))) texts.pop();
  const leaf = texts.at(-1);
  if (leaf === undefined) return null;
  if (texts.length === 1) return rankHeader(leaf);
  if (texts.length === 2) return rankHeader(leaf, texts[0]);
  const ancestors = texts.slice(0, -1);
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const match = rankHeader(leaf, ancestors[i]);
    if (match?.strength === 4) return match;
  }
  if (normaliseHeader(leaf).startsWith('其中')) return null;
  return rankHeader(leaf, ancestors.at(-1));
}

/**
 * The field a header names, or null. Composite headers use their parent group: 投资方 + 名称 →
 * investorName, 到位资金 + 本月 → fundsMonth, 时间节点 + 签约 → signedOn, 联系人 + 电话 → contactPhone.
 */
export function matchHeader(header: string, parent?: string | null): ImportField | null {
  return rankHeader(header, parent)?.field ?? null;
}

export interface ColumnMapping {
  /** 0-based column index. */
  column: number;
  /** The header as shown to people: 'parent/child' for a column under a group. */
  header: string;
  field: ImportField | null;
  /** For amount fields: the unit the header declares, else the sheet's; null otherwise. */
  unit: AmountUnit | null;
}

export interface ProposeMappingOptions {
  /** Mappings the tenant saved on an earlier import, keyed by mappingKey(text, parent). */
  saved?: Record<string, ImportField | null>;
  /** The sheet's amount unit (单位：万元 above the table). */
  defaultUnit?: AmountUnit | null;
}

/** The key under which a column's mapping is saved: normaliseHeader('parent/text') or of the text alone. */
export function mappingKey(text: string, parent?: string | null): string {
  return normaliseHeader(parent ? `${parent}/${text}` : text);
}

function displayHeader(text: string, parent: string | null): string {
  const clean = (value: string) =>
    value
      .replace(/\s*[\r\n]+\s*/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return parent ? `${clean(parent)}/${clean(text)}` : clean(text);
}

function savedField(
  saved: Record<string, ImportField | null> | undefined,
  key: string,
): ImportField | null | undefined {
  if (!saved || key === '' || !Object.hasOwn(saved, key)) return undefined;
  const field = saved[key];
  if (field === null) return null;
  return (importFields as readonly string[]).includes(field ?? '') ? field : undefined;
}

/**
 * One mapping per header column. A saved mapping (also a saved null) overrides the matcher;
 * each field goes to one column only: saved ones first, then the strongest match, the leftmost
 * among equals; later claimants get null. When no column names the project, the leftmost
 * header with the project name as its stand-in (企业名称) names it instead. Amount columns take the unit their header (or its
 * group) declares — （万元）, (亿元), （元） — else `defaultUnit`.
 */
export function proposeMapping(
  headers: Array<{ text: string; parent: string | null }>,
  options: ProposeMappingOptions = {},
): ColumnMapping[] {
  const claims = headers.map(({ text, parent }, column) => {
    const saved = savedField(options.saved, mappingKey(text, parent));
    if (saved !== undefined) return { column, field: saved, strength: 5 };
    const match = rankHeader(text, parent);
    return { column, field: match?.field ?? null, strength: match?.strength ?? 0, standIn: match?.standIn };
  });
  if (!claims.some((claim) => claim.field === 'name')) {
    const standIn = claims.find((claim) => claim.standIn === 'name');
    if (standIn) standIn.field = 'name';
  }
  const assigned = new Map<number, ImportField>();
  const taken = new Set<ImportField>();
  const ordered = [...claims].sort((a, b) => b.strength - a.strength || a.column - b.column);
  for (const claim of ordered) {
    if (claim.field === null || taken.has(claim.field)) continue;
    taken.add(claim.field);
    assigned.set(claim.column, claim.field);
  }
  return headers.map(({ text, parent }, column) => {
    const field = assigned.get(column) ?? null;
    const unit =
      field !== null && importFieldKinds[field] === 'amount'
        ? (detectAmountUnit(text) ??
          (parent ? detectAmountUnit(parent) : null) ??
          options.defaultUnit ??
          null)
        : null;
    return { column, header: displayHeader(text, parent), field, unit };
  });
}
