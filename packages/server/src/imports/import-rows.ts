/**
 * One sheet row → one import record, or the row's errors: every value read the way
 * people type it (amounts in the sheet's unit, dates in any office form, stage labels,
 * place names, credit codes), with a message in Chinese naming the row, the column
 * (its header as the file has it) and the value.
 */
import type { Stage } from '@landfall/domain/stages';
import type { AmountUnit } from '@landfall/domain/money';
import { validateCreditCode, creditCodeMessages } from '@landfall/domain/credit-code';
import { toHalfWidth } from '@landfall/domain/text';
import type {
  Cell,
  ColumnMapping,
  FundsBreakdown,
  ImportField,
  OriginalAmount,
} from '@landfall/domain/import/index';
import {
  cellText,
  detectCurrency,
  importFieldLabels,
  matchStageLabel,
  parseSheetDate,
  describeSheetDateProblem,
  parseSheetMoney,
} from '@landfall/domain/import/index';
import { readBreakdown } from './import-breakdown.ts';
import type { IndustryMatch } from './industry-text.ts';
import type { PlaceResolver, PlaceResult } from './places.ts';

export interface RowIssue {
  row: number;
  /** The column's header as the file has it (or the field's name when the column is missing). */
  column: string;
  /** The cell address, e.g. "H7" (empty for a row-level issue). */
  cell: string;
  value: string;
  message: string;
  /** The sheet's name, in a workbook of several sheets. */
  sheet?: string;
  /** The district the row went into, in a city's or province's table by 区县. */
  district?: string;
}

export interface ImportRecord {
  row: number;
  name: string;
  investor: { name: string; creditCode: string | null; placeText: string; place: PlaceResult } | null;
  unitName: string | null;
  stage: Stage | null;
  stageLabel: string | null;
  industryCode: string | null;
  capitalKind: 'domestic' | 'foreign' | null;
  projectKind: 'new' | 'expansion' | null;
  constructionContent: string | null;
  agreedFen: number | null;
  fixedFen: number | null;
  fundsMonthFen: number | null;
  fundsYearFen: number | null;
  fundsCumulativeFen: number | null;
  /** The funds figure's split by source (其中：省外, 境外, 我方 …), when the sheet gives one. */
  fundsBreakdown: FundsBreakdown | null;
  /** Figures the sheet gave in USD, by field: the dollars and the rate they were converted at. */
  originals: Partial<Record<ImportField, OriginalAmount>>;
  enteredOn: string | null;
  signedOn: string | null;
  agreementKind: 'framework' | 'formal' | null;
  registeredOn: string | null;
  /** The locally registered company's code (项目公司统一社会信用代码): the evidence of 落地. */
  localCreditCode: string | null;
  plannedStartOn: string | null;
  actualStartOn: string | null;
  plannedProductionOn: string | null;
  productionOn: string | null;
  landMu: string | null;
  leaderInCharge: string | null;
  contactName: string | null;
  contactPhone: string | null;
  progress: string | null;
  problems: string | null;
  nextSteps: string | null;
  remarks: string | null;
  /** The row's own 更新日期: the date of its progress entry. */
  updatedOn: string | null;
  /** Which fields the file has a column for (a missing column leaves the project's value alone). */
  present: Set<ImportField>;
}

export interface RowContext {
  mapping: ColumnMapping[];
  /** The amount unit for amount columns without their own. */
  amountUnit: AmountUnit;
  stageLabels: Record<string, Stage>;
  sectionStage: Stage | null;
  /** The section row the row stands under (一、在谈项目（22个）), if any. */
  sectionTitle: string | null;
  /**
   * The stage the table's title gives (stageFromTitle: 新签约项目一览表 → signed): for rows with
   * no stage cell and no section of their own.
   */
  titleStage?: Stage | null;
  cutOff: string;
  date1904: boolean;
  places: PlaceResolver;
  /** An industry cell → its GB/T 4754 code (null when unknown) and a warning to show, if any. */
  industryCode(text: string): IndustryMatch;
  /** 元 per 美元 for USD amounts ('7.1'), as the user gave it; without one a USD amount is an error. */
  usdRate?: string | null;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Text as typed, trimmed; the apostrophe an export put before =, +, -, @ is taken off again. */
function text(value: Cell): string | null {
  const t = cellText(value).replace(/\r\n?/g, '\n');
  if (!t) return null;
  return /^'[=+\-@\t\r]/.test(t) ? t.slice(1) : t;
}

const amountMessages = {
  not_a_number: '金额不是数字',
  negative: '金额不能为负数',
  too_precise: '金额最多精确到分',
  too_large: '金额过大',
  usd_rate_missing: '金额为美元，请在导入设置中填写美元汇率',
} as const;

const textLimits: Partial<Record<ImportField, number>> = {
  name: 200,
  investorName: 200,
  unit: 100,
  constructionContent: 2000,
  progress: 2000,
  problems: 2000,
  nextSteps: 2000,
  remarks: 2000,
  leaderInCharge: 100,
  contactName: 100,
  contactPhone: 50,
};

/** A section title without its ordinal and count: 二、研究中项目（1个） → 研究中项目（1个）. */
export function sectionLabel(title: string): string {
  return title
    .replace(/^\s*(第[一二三四五六七八九十]+部分|[（(]?[一二三四五六七八九十百\d]+[)）]?[、.．]?)\s*/, '')
    .trim();
}

export function interpretRow(
  rowNumber: number,
  cells: Cell[],
  ctx: RowContext,
): { record: ImportRecord | null; errors: RowIssue[]; warnings: RowIssue[] } {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const byField = new Map<ImportField, ColumnMapping>();
  for (const m of ctx.mapping) if (m.field) byField.set(m.field, m);
  const issue = (list: RowIssue[], field: ImportField, value: Cell, message: string) => {
    const m = byField.get(field);
    list.push({
      row: rowNumber,
      column: m?.header ?? importFieldLabels[field]['zh-CN'],
      cell: m ? `${columnLetter(m.column)}${rowNumber}` : '',
      value: cellText(value),
      message,
    });
  };
  const raw = (field: ImportField): Cell => {
    const m = byField.get(field);
    return m ? (cells[m.column] ?? null) : null;
  };
  const str = (field: ImportField): string | null => {
    const value = text(raw(field));
    const limit = textLimits[field];
    if (value && limit && value.length > limit) {
      issue(errors, field, raw(field), `内容过长（不超过 ${limit} 字）`);
      return value.slice(0, limit);
    }
    return value;
  };
  const originals: ImportRecord['originals'] = {};
  const amount = (field: ImportField): number | null => {
    const value = raw(field);
    const m = byField.get(field);
    // A 万美元 / 美元 header makes the column USD, in the scale it names.
    const usd = m ? detectCurrency(m.header) : null;
    const unit = usd?.unit ?? m?.unit ?? ctx.amountUnit;
    const parsed = parseSheetMoney(value, unit, usd ? 'USD' : 'CNY', ctx.usdRate ?? null);
    if (!parsed.ok) {
      issue(errors, field, value, amountMessages[parsed.problem]);
      return null;
    }
    if (parsed.original) originals[field] = parsed.original;
    return parsed.fen;
  };
  const date = (field: ImportField, notAfterCutOff: boolean): string | null => {
    const value = raw(field);
    const parsed = parseSheetDate(value, { date1904: ctx.date1904, referenceDate: ctx.cutOff });
    if (!parsed.ok) {
      issue(errors, field, value, describeSheetDateProblem(parsed, 'zh-CN'));
      return null;
    }
    if (parsed.yearInferred) {
      issue(warnings, field, value, `日期未写年份，按截止日期所在年份 ${ctx.cutOff.slice(0, 4)} 年计`);
    }
    if (parsed.date && notAfterCutOff && parsed.date > ctx.cutOff) {
      issue(errors, field, value, `日期晚于台账截止日期 ${ctx.cutOff}`);
      return null;
    }
    return parsed.date;
  };

  /** A credit code cell, checked (GB 32100); an invalid one is the row's error. */
  const code = (field: ImportField): string | null => {
    const value = str(field);
    if (!value) return null;
    const checked = validateCreditCode(value);
    if (checked.ok) return checked.code;
    issue(errors, field, raw(field), creditCodeMessages[checked.problem]['zh-CN']);
    return null;
  };

  const name = str('name');
  if (!name) issue(errors, 'name', raw('name'), '项目名称不能为空');

  // Investor (投资方): name, credit code, place.
  const investorName = str('investorName');
  const codeText = str('investorCreditCode');
  let creditCode: string | null = null;
  if (codeText) {
    const checked = validateCreditCode(codeText);
    if (checked.ok) creditCode = checked.code;
    else
      issue(
        errors,
        'investorCreditCode',
        raw('investorCreditCode'),
        creditCodeMessages[checked.problem]['zh-CN'],
      );
  }
  const placeText = str('investorPlace') ?? '';
  const place = ctx.places.resolve(placeText);
  if (place.kind === 'unknown') {
    issue(warnings, 'investorPlace', raw('investorPlace'), '未能识别的地名，所在地留空');
  }
  const investor =
    investorName || creditCode ? { name: investorName ?? '', creditCode, placeText, place } : null;
  if (investor && !investor.name) issue(errors, 'investorName', null, '填写了信用代码但缺少投资方名称');

  // Stage: the stage column, else the section the row stands under, else the table's title.
  let stage: Stage | null;
  const stageLabel = str('stage');
  if (stageLabel) {
    stage = matchStageLabel(stageLabel, ctx.stageLabels);
    if (!stage)
      issue(errors, 'stage', raw('stage'), `无法识别的项目阶段「${stageLabel}」，请在阶段对照中指定`);
  } else {
    // A section that names no stage (一、工业项目) leaves the title's: 新签约项目一览表 → signed.
    stage = ctx.sectionStage ?? ctx.titleStage ?? null;
    if (!stage && ctx.sectionTitle) {
      issue(
        errors,
        'stage',
        ctx.sectionTitle,
        `无法识别的项目阶段「${sectionLabel(ctx.sectionTitle)}」（所在分组），请在阶段对照中指定`,
      );
    } else if (!stage) {
      issue(errors, 'stage', null, '缺少项目阶段（既无阶段列，也不在阶段分组下）');
    }
  }

  const agreedFen = amount('agreedInvestment');
  const fixedFen = amount('fixedAsset');
  if (agreedFen !== null && fixedFen !== null && fixedFen > agreedFen) {
    issue(errors, 'fixedAsset', raw('fixedAsset'), '固定资产投资不能大于协议投资额');
  }
  const fundsMonthFen = amount('fundsMonth');
  const fundsYearFen = amount('fundsYear');
  let fundsCumulativeFen = amount('fundsCumulative');
  amount('fundsYearPlan');
  const figures = { fundsMonth: fundsMonthFen, fundsYear: fundsYearFen, fundsCumulative: fundsCumulativeFen };
  const split = readBreakdown(ctx.mapping, figures, amount, (field, message) =>
    issue(warnings, field, raw(field), message),
  );
  // Breakdown columns and no period column: their sum is the cumulative figure.
  if (split.cumulative !== null) fundsCumulativeFen = split.cumulative;
  // 本月 ≤ 本年 ≤ 累计, funds before signing: plausibility warnings (import-checks), not errors.

  let landMu: string | null = null;
  const landText = str('landMu');
  if (landText) {
    const normal = toHalfWidth(landText).replace(/[,，\s]|亩$/g, '');
    if (/^\d+(\.\d{1,2})?$/.test(normal)) landMu = normal;
    else issue(errors, 'landMu', raw('landMu'), '用地面积应为亩数，最多两位小数');
  }

  const industryText = str('industry');
  const industry = industryText ? ctx.industryCode(industryText) : null;
  const industryCode = industry?.code ?? null;
  if (industry?.warning) issue(warnings, 'industry', raw('industry'), industry.warning);

  const capitalText = str('capitalKind');
  let capitalKind: 'domestic' | 'foreign' | null = null;
  if (capitalText) {
    if (/外资|外商|港|澳|台|中外|合资|境外/.test(capitalText)) capitalKind = 'foreign';
    else if (/内资|国内|民营|国有|国企|民企/.test(capitalText)) capitalKind = 'domestic';
    else issue(errors, 'capitalKind', raw('capitalKind'), '内外资应填“内资”或“外资”');
  }
  const kindText = str('projectKind');
  let projectKind: 'new' | 'expansion' | null = null;
  if (kindText) {
    if (/扩|增资|技改|改扩/.test(kindText)) projectKind = 'expansion';
    else if (/新/.test(kindText)) projectKind = 'new';
    else issue(errors, 'projectKind', raw('projectKind'), '项目性质应填“新建”或“扩建”');
  }
  const agreementText = str('agreementKind');
  let agreementKind: 'framework' | 'formal' | null = null;
  if (agreementText) {
    if (/框架|意向|战略/.test(agreementText)) agreementKind = 'framework';
    else if (/正式|投资协议|合同/.test(agreementText)) agreementKind = 'formal';
    else issue(errors, 'agreementKind', raw('agreementKind'), '签约类型应填“框架协议”或“正式协议”');
  }

  const record: ImportRecord = {
    row: rowNumber,
    name: name ?? '',
    investor,
    unitName: str('unit'),
    stage,
    stageLabel,
    industryCode,
    capitalKind,
    projectKind,
    constructionContent: str('constructionContent'),
    agreedFen,
    fixedFen,
    fundsMonthFen,
    fundsYearFen,
    fundsCumulativeFen,
    fundsBreakdown: split.breakdown,
    originals,
    enteredOn: date('enteredOn', true),
    signedOn: date('signedOn', true),
    agreementKind,
    registeredOn: date('registeredOn', true),
    localCreditCode: code('localCreditCode'),
    plannedStartOn: date('plannedStartOn', false),
    actualStartOn: date('actualStartOn', true),
    plannedProductionOn: date('plannedProductionOn', false),
    productionOn: date('productionOn', true),
    landMu,
    leaderInCharge: str('leaderInCharge'),
    contactName: str('contactName'),
    contactPhone: str('contactPhone'),
    progress: str('progress'),
    problems: str('problems'),
    nextSteps: str('nextSteps'),
    remarks: str('remarks'),
    updatedOn: date('updatedOn', true),
    present: new Set(byField.keys()),
  };
  return { record: errors.length ? null : record, errors, warnings };
}
