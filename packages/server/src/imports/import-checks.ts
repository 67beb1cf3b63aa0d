/**
 * Figures a careful reader would not let pass (pure): plausibility warnings on a row's amounts,
 * each naming the Excel cell. They never stop the import — the sheet is the office's record —
 * they ask someone to look: 本月/本年/累计 that contradict each other, funds above the
 * investment, funds on a project not yet signed on their date, and a figure about 1,000× off
 * the rest of its column (a 万元 figure typed into a 亿元 column, 元 into 万元).
 */
import { formatIn, type AmountUnit } from '@landfall/domain/money';
import type { FundingSource } from '@landfall/domain/regions';
import { canReceiveFunds, stageLabels, type Stage } from '@landfall/domain/stages';
import { importFieldLabels, type ColumnMapping, type ImportField } from '@landfall/domain/import/index';
import { columnLetter, type ImportRecord, type RowIssue } from './import-rows.ts';
import type { PlannedFunds } from './import-history.ts';

/** A warning on one amount cell: the row, the field's column, the amount (fen) shown in the column's unit. */
export type FigureIssue = (row: number, field: ImportField, fen: number, message: string) => RowIssue;

const unitNames: Record<AmountUnit, string> = { yuan: '元', wan: '万元', yi: '亿元' };
const exactDigits: Record<AmountUnit, number> = { yuan: 2, wan: 6, yi: 10 };

/** An amount as it would be typed in a column of `unit`: 6000.25, not 6,000.250000. */
export function amountText(fen: number, unit: AmountUnit): string {
  const text = formatIn(fen, unit, { digits: exactDigits[unit], grouping: false });
  return text.replace(/\.?0+$/, '');
}

export function figureIssues(mapping: ColumnMapping[], amountUnit: AmountUnit) {
  const unitOf = (field: ImportField) => mapping.find((c) => c.field === field)?.unit ?? amountUnit;
  const issue: FigureIssue = (row, field, fen, message) => {
    const m = mapping.find((c) => c.field === field);
    return {
      row,
      column: m?.header ?? importFieldLabels[field]['zh-CN'],
      cell: m ? `${columnLetter(m.column)}${row}` : '',
      value: amountText(fen, unitOf(field)),
      message,
    };
  };
  /** 万元 text for messages (whatever the column's unit). */
  const wan = (fen: number) => `${amountText(fen, 'wan')}万元`;
  const agreedLabel = /总投资/.test(mapping.find((c) => c.field === 'agreedInvestment')?.header ?? '')
    ? '总投资'
    : '协议投资额';
  return { issue, unitOf, wan, agreedLabel };
}

type Figures = ReturnType<typeof figureIssues>;

/** The row's own figures against each other: 本月 ≤ 本年 ≤ 累计, and 本年 = 本月 when the cut-off is in January. */
export function rowFigureWarnings(record: ImportRecord, cutOff: string, f: Figures): RowIssue[] {
  const out: RowIssue[] = [];
  const { fundsMonthFen: m, fundsYearFen: y, fundsCumulativeFen: c, row } = record;
  if (y !== null && c !== null && y > c) {
    out.push(
      f.issue(row, 'fundsYear', y, `本年到位（${f.wan(y)}）大于累计到位（${f.wan(c)}），已按累计到位计入`),
    );
  }
  if (m !== null && y !== null && m > y) {
    out.push(
      f.issue(row, 'fundsMonth', m, `本月到位（${f.wan(m)}）大于本年到位（${f.wan(y)}），已按本年到位计入`),
    );
  } else if (m !== null && y === null && c !== null && m > c) {
    out.push(
      f.issue(row, 'fundsMonth', m, `本月到位（${f.wan(m)}）大于累计到位（${f.wan(c)}），已按累计到位计入`),
    );
  }
  if (cutOff.slice(5, 7) === '01' && m !== null && y !== null && m < y) {
    out.push(
      f.issue(
        row,
        'fundsYear',
        y,
        `截止时间在1月，本年到位应等于本月到位（${f.wan(m)}），请核对；差额按1月1日到位计入`,
      ),
    );
  }
  return out;
}

export interface ProjectFacts {
  /** The project's stage at the cut-off (after the row) and, when paused or dropped, the stage before. */
  stage: Stage;
  stageBefore: Stage | null;
  signedOn: string | null;
  /** Agreed investment after the row (the sheet's, or the library's when the sheet has none). */
  agreedFen: number;
}

const partLabels: Record<PlannedFunds['part'], string> = {
  fundsCumulative: '累计到位',
  fundsYear: '本年到位',
  fundsMonth: '本月到位',
};

/**
 * The row's funds against the project: above its agreed investment (协议投资额 or 总投资), or on a
 * project not yet signed at the cut-off. (Funds before the signing date: fundsBeforeSigningErrors.)
 */
export function projectFigureWarnings(
  record: ImportRecord,
  funds: PlannedFunds[],
  project: ProjectFacts,
  f: Figures,
): RowIssue[] {
  const out: RowIssue[] = [];
  const { row } = record;
  const c = record.fundsCumulativeFen;
  const figure: [ImportField, number] | null =
    c !== null
      ? ['fundsCumulative', c]
      : record.fundsYearFen !== null
        ? ['fundsYear', record.fundsYearFen]
        : record.fundsMonthFen !== null
          ? ['fundsMonth', record.fundsMonthFen]
          : null;
  if (c !== null && project.agreedFen > 0 && c > project.agreedFen) {
    out.push(
      f.issue(
        row,
        'fundsCumulative',
        c,
        `累计到位（${f.wan(c)}）大于${f.agreedLabel}（${f.wan(project.agreedFen)}），请核对金额及单位`,
      ),
    );
  }
  if (figure && figure[1] > 0 && !canReceiveFunds(project.stage, project.stageBefore)) {
    const stage = stageLabels[project.stage]['zh-CN'];
    out.push(
      f.issue(
        row,
        figure[0],
        figure[1],
        `项目阶段为「${stage}」，尚未签约却有到位资金，请核对项目阶段或到位资金（资金已照表导入）`,
      ),
    );
  }
  return out;
}

/**
 * Funds the sheet places before the project's signing (签约时间), one error per figure: funds are
 * never received before the signing. The date is the one the funds are planned on — the period
 * the sheet states, or, for funds the sheet gives no date for, the latest day they could have
 * arrived (the cut-off at most): a signing dated after the sheet's own cut-off with funds in place
 * is as impossible as 本年到位 before a signing this month. Errors: the office corrects the sheet.
 */
export function fundsBeforeSigningErrors(
  record: ImportRecord,
  funds: PlannedFunds[],
  signedOn: string | null,
  f: Figures,
): RowIssue[] {
  const out: RowIssue[] = [];
  const { row } = record;
  const c = record.fundsCumulativeFen;
  if (signedOn) {
    const named = new Set<PlannedFunds['part']>();
    for (const e of funds) {
      if (e.amount <= 0 || e.date >= signedOn || named.has(e.part)) continue;
      named.add(e.part);
      const when =
        e.part === 'fundsCumulative' && e.date.endsWith('-12-31')
          ? `${Number(e.date.slice(0, 4)) + 1}年以前到位（累计到位中本年到位以外的部分）`
          : e.part === 'fundsYear'
            ? '本年本月以前到位（本年到位中本月到位以外的部分）'
            : `按 ${e.date} 到位计`;
      const value =
        e.part === 'fundsCumulative'
          ? (c ?? e.amount)
          : e.part === 'fundsYear'
            ? (record.fundsYearFen ?? e.amount)
            : e.amount;
      out.push(
        f.issue(
          row,
          e.part,
          value,
          `${partLabels[e.part]}中有 ${f.wan(e.amount)} ${when}，早于签约时间 ${signedOn}；到位资金不能早于签约，请核对签约时间或到位资金`,
        ),
      );
    }
  }
  return out;
}

/** The amount fields compared with the rest of their column. */
const scaleFields = [
  ['agreedInvestment', 'agreedFen'],
  ['fixedAsset', 'fixedFen'],
  ['fundsMonth', 'fundsMonthFen'],
  ['fundsYear', 'fundsYearFen'],
  ['fundsCumulative', 'fundsCumulativeFen'],
] as const;

/** Bins per power of ten of the median's histogram (≈ 12% wide: ample for a 1,000× test). */
const BINS_PER_DECADE = 20;
/** How far off (in powers of ten) a figure must be: 3 = 1,000×. */
export const SCALE_DECADES = 3;
/** Values a column needs before its median is trusted. */
export const SCALE_MIN_VALUES = 8;

/** Bins of log10(fen) from 0 (1 fen) to 20 (far above any amount the reader accepts). */
const BIN_COUNT = 20 * BINS_PER_DECADE;

interface ColumnState {
  bins: Int32Array;
  count: number;
  /** The median's log10 and the count it was computed at (recomputed every few values: it moves slowly). */
  median: number;
  medianAt: number;
  /** Values read before the median was trusted: looked at again at the end of the sheet. */
  early: { row: number; fen: number }[];
}

/**
 * A figure about 1,000× off the rest of its column. The import streams, so each column keeps a
 * histogram of log10(fen) of its non-zero values (constant memory) and each value is compared
 * with the median of the values read before it, once there are at least 8; the first values
 * are compared at the end of the sheet with the median of the whole column.
 */
export class ColumnScale {
  private readonly columns = new Map<ImportField, ColumnState>();

  constructor(private readonly f: Figures) {}

  /** Compares the record's amounts with their columns so far, then counts them in. */
  observe(record: ImportRecord): RowIssue[] {
    const out: RowIssue[] = [];
    for (const [field, key] of scaleFields) {
      const fen = record[key];
      if (typeof fen !== 'number' || fen <= 0) continue;
      let col = this.columns.get(field);
      if (!col) {
        col = { bins: new Int32Array(BIN_COUNT), count: 0, median: 0, medianAt: 0, early: [] };
        this.columns.set(field, col);
      }
      if (col.count >= SCALE_MIN_VALUES) {
        const w = this.check(field, col, record.row, fen);
        if (w) out.push(w);
      } else col.early.push({ row: record.row, fen });
      const bin = Math.min(BIN_COUNT - 1, Math.floor(Math.log10(fen) * BINS_PER_DECADE));
      col.bins[bin] = col.bins[bin]! + 1;
      col.count += 1;
    }
    return out;
  }

  /** The end of the sheet: the first values of each column against the whole column. */
  finish(): RowIssue[] {
    const out: RowIssue[] = [];
    for (const [field, col] of this.columns) {
      if (col.count < SCALE_MIN_VALUES) continue;
      col.median = medianLog(col);
      col.medianAt = col.count;
      for (const e of col.early.splice(0)) {
        const w = this.check(field, col, e.row, e.fen);
        if (w) out.push(w);
      }
    }
    return out;
  }

  private check(field: ImportField, col: ColumnState, row: number, fen: number): RowIssue | null {
    if (col.medianAt === 0 || col.count - col.medianAt >= Math.min(16, col.medianAt)) {
      col.median = medianLog(col);
      col.medianAt = col.count;
    }
    const median = col.median;
    const off = Math.log10(fen) - median;
    if (Math.abs(off) < SCALE_DECADES) return null;
    const times = (10 ** Math.round(Math.abs(off))).toLocaleString('en-US');
    const unit = this.f.unitOf(field);
    const medianFen = 10 ** median;
    const medianText = `${Number((medianFen / fenPer[unit]).toPrecision(2))}${unitNames[unit]}`;
    const message =
      off > 0
        ? `约为本列其他数值（中位数约 ${medianText}）的 ${times} 倍，请核对金额及单位（是否按较小单位填写）`
        : `约为本列其他数值（中位数约 ${medianText}）的 1/${times}，请核对金额及单位（是否按较大单位填写）`;
    return this.f.issue(row, field, fen, message);
  }
}

const fenPer: Record<AmountUnit, number> = { yuan: 100, wan: 1_000_000, yi: 10_000_000_000 };

/** log10 of the column's median: the middle of the bin holding the middle value. */
function medianLog(col: ColumnState): number {
  const half = (col.count + 1) / 2;
  let seen = 0;
  for (let bin = 0; bin < BIN_COUNT; bin += 1) {
    seen += col.bins[bin]!;
    if (seen >= half) return (bin + 0.5) / BINS_PER_DECADE;
  }
  return 0;
}

/**
 * A row's stated 资金性质 against where its funds come from (a warning: the sheet is the office's
 * record): 内资 with funds from abroad — those funds are counted as 外资 (import-sources.ts), and
 * the office is told. 外资 from a source other than abroad is not warned about: a foreign investor
 * placed in China (its 境内 entity pays) is the common case, and a sheet has no column for the
 * reason an entry typed in the ledger gives (an exported ledger would warn on every re-import).
 */
export function capitalSourceWarning(
  stated: 'domestic' | 'foreign' | null,
  funds: readonly { amount: number; source: FundingSource; party?: 'ours' | 'partner' }[],
  f: Figures,
): string | null {
  if (stated !== 'domestic') return null;
  const abroad = funds.filter((e) => e.amount > 0 && e.party !== 'ours' && e.source === 'abroad');
  if (!abroad.length) return null;
  const total = abroad.reduce((sum, e) => sum + e.amount, 0);
  return `资金性质填为内资，但有 ${f.wan(total)} 资金来源为境外，已按外资计入，请核对资金性质`;
}
