/**
 * Totals a sheet states, checked against the rows they cover (pure): a 合计/总计 against every
 * project row of its sheet (wherever it stands), a group's 小计 (万州区小计) against the rows
 * since the previous heading or subtotal — or, when it stands first in its group, the rows after
 * it — and a summary sheet (汇总) against its unit sheets. A total that disagrees is a warning
 * naming its cell; the rows are what is imported.
 */
import type { AmountUnit } from '@landfall/domain/money';
import {
  importFieldKinds,
  cellText,
  detectCurrency,
  parseSheetMoney,
  type Cell,
  type ColumnMapping,
  type ImportField,
  type SummaryLayout,
  type TotalScope,
} from '@landfall/domain/import/index';
import { amountText } from './import-checks.ts';
import { columnLetter, type ImportRecord, type RowIssue } from './import-rows.ts';

type AmountField =
  'agreedInvestment' | 'fixedAsset' | 'fundsMonth' | 'fundsYear' | 'fundsCumulative' | 'fundsYearPlan';

const recordAmount: Partial<Record<ImportField, (r: ImportRecord) => number | null>> = {
  agreedInvestment: (r) => r.agreedFen,
  fixedAsset: (r) => r.fixedFen,
  fundsMonth: (r) => r.fundsMonthFen,
  fundsYear: (r) => r.fundsYearFen,
  fundsCumulative: (r) => r.fundsCumulativeFen,
};

/** Sums of a set of rows, per amount field (BigInt: a province's sums stay exact), and their count. */
export class RowSums {
  count = 0;
  readonly fen = new Map<ImportField, bigint>();

  add(record: ImportRecord) {
    this.count += 1;
    for (const [field, read] of Object.entries(recordAmount) as [
      AmountField,
      (r: ImportRecord) => number | null,
    ][]) {
      const value = read(record);
      if (value !== null) this.fen.set(field, (this.fen.get(field) ?? 0n) + BigInt(value));
    }
  }

  addAll(other: RowSums) {
    this.count += other.count;
    for (const [field, value] of other.fen) this.fen.set(field, (this.fen.get(field) ?? 0n) + value);
  }

  get(field: ImportField): bigint {
    return this.fen.get(field) ?? 0n;
  }
}

/** A total agrees when it is within half a hundredth of its column's unit per row it covers (typed rounding). */
function agrees(stated: bigint, sum: bigint, unit: AmountUnit, rows: number): boolean {
  const unitFen: Record<AmountUnit, bigint> = { yuan: 100n, wan: 1_000_000n, yi: 10_000_000_000n };
  const tolerance = (unitFen[unit] * BigInt(Math.max(1, rows))) / 200n;
  const diff = stated > sum ? stated - sum : sum - stated;
  return diff <= tolerance;
}

function fenNumber(value: bigint): number {
  return Number(value);
}

interface PendingTotal {
  row: number;
  label: string;
  cells: readonly Cell[];
  /** A 合计 under a heading may total only its section: the rows since the last boundary. */
  section?: RowSums;
}

export interface TotalsContext {
  mapping: readonly ColumnMapping[];
  amountUnit: AmountUnit;
  /** 元 per 美元, when the import converts USD. */
  usdRate?: string | null;
  sheet?: string;
}

/** Follows one sheet's rows: project records, subtotals, headings; returns the warnings as it goes. */
export class SubtotalChecker {
  readonly all = new RowSums();
  private segment = new RowSums();
  private pendingGroup: PendingTotal | null = null;
  /** Where the sheet puts its 小计: below the rows they cover, or above; known from the first that shows it. */
  private placement: 'below' | 'above' | null = null;
  private readonly allTotals: PendingTotal[] = [];
  private readonly columns: ColumnMapping[];

  constructor(private readonly ctx: TotalsContext) {
    this.columns = ctx.mapping.filter(
      (m) => m.field && importFieldKinds[m.field] === 'amount' && recordAmount[m.field],
    );
  }

  project(record: ImportRecord) {
    this.all.add(record);
    this.segment.add(record);
  }

  /** A heading (一、在谈项目) closes the group before it. */
  heading(): RowIssue[] {
    return this.closeGroup();
  }

  total(row: number, label: string, scope: TotalScope, cells: readonly Cell[]): RowIssue[] {
    if (scope === 'part') return [];
    if (scope === 'all') {
      const section =
        this.segment.count > 0 && this.segment.count < this.all.count ? this.segment : undefined;
      const out = this.closeGroup();
      this.allTotals.push({ row, label, cells, section });
      return out;
    }
    // A group's subtotal: it closes the rows before it, or (standing first) opens those after it.
    if (this.pendingGroup) {
      // Subtotals standing first: the previous one covers the rows up to this one.
      const out = this.closeGroup();
      this.pendingGroup = { row, label, cells };
      this.placement = 'above';
      return out;
    }
    if (this.segment.count > 0 || this.placement === 'below') {
      // Below its rows (once a sheet puts them there, a 小计 with no rows before it covers none).
      const out = this.compare({ row, label, cells }, this.segment, '所含项目');
      this.segment = new RowSums();
      this.placement = 'below';
      return out;
    }
    this.pendingGroup = { row, label, cells };
    return [];
  }

  /** At the end of the sheet: an open top-placed subtotal, and every 合计 against all the sheet's rows. */
  finish(): RowIssue[] {
    const out = this.closeGroup();
    for (const total of this.allTotals) {
      const issues = this.compare(total, this.all, '全表项目');
      if (issues.length && total.section && !this.compare(total, total.section, '本部分项目').length)
        continue;
      out.push(...issues);
    }
    return out;
  }

  private closeGroup(): RowIssue[] {
    const pending = this.pendingGroup;
    this.pendingGroup = null;
    const out = pending ? this.compare(pending, this.segment, '其下项目') : [];
    this.segment = new RowSums();
    return out;
  }

  private compare(total: PendingTotal, sums: RowSums, what: string): RowIssue[] {
    const out: RowIssue[] = [];
    for (const m of this.columns) {
      const cell = total.cells[m.column] ?? null;
      // Read as the rows are: a 万美元 column converts at the rate (the rows' sums are in 人民币 fen).
      const usd = detectCurrency(m.header);
      const unit = usd?.unit ?? m.unit ?? this.ctx.amountUnit;
      const parsed = parseSheetMoney(cell, unit, usd ? 'USD' : 'CNY', this.ctx.usdRate ?? null);
      if (!parsed.ok || parsed.fen === null) continue;
      const stated = BigInt(parsed.fen);
      const sum = sums.get(m.field!);
      // A USD total is compared in 人民币 (its rows are converted): in 万元, tolerance of that unit.
      const shown: AmountUnit = usd ? 'wan' : unit;
      if (agrees(stated, sum, shown, sums.count)) continue;
      const typed = usd
        ? `${cellText(cell)}（按汇率折合 ${amountText(parsed.fen, 'wan')} 万元）`
        : amountText(parsed.fen, unit);
      out.push({
        row: total.row,
        column: m.header,
        cell: `${columnLetter(m.column)}${total.row}`,
        value: usd ? cellText(cell) : amountText(parsed.fen, unit),
        message: `「${total.label}」与${what}之和不符：填写 ${typed}，${what}（${sums.count} 个）合计 ${amountText(fenNumber(sum), shown)}${usd ? ' 万元' : ''}`,
        ...(this.ctx.sheet ? { sheet: this.ctx.sheet } : {}),
      });
    }
    return out;
  }
}

/** A unit sheet's figures, for the summary sheet's check. */
export interface UnitSheetSums {
  sheet: string;
  /** The names it answers to: its unit (填报单位 or sheet name) and its sheet name. */
  names: string[];
  sums: RowSums;
}

const flatName = (text: string) => text.replace(/[\s\u3000]+/g, '').toLowerCase();

/**
 * The summary sheet's rows against the unit sheets: each row whose label names a unit sheet is
 * compared figure by figure (项目个数 too); its 合计 against all of them. Rows naming no sheet
 * are left alone (a unit with nothing to report has no sheet).
 */
export function checkSummarySheet(
  sheetName: string,
  layout: SummaryLayout,
  amountUnit: AmountUnit,
  rows: readonly { row: number; cells: readonly Cell[] }[],
  units: readonly UnitSheetSums[],
  isTotal: (text: string) => boolean,
  usdRate: string | null = null,
): RowIssue[] {
  const out: RowIssue[] = [];
  const grand = new RowSums();
  for (const u of units) grand.addAll(u.sums);
  for (const { row, cells } of rows) {
    if (row - 1 < layout.dataStart) continue;
    // 合计 may stand in the label column or in the 序号 column before it.
    const labelCell = String(cells[layout.labelColumn] ?? '').trim();
    const before = cells
      .slice(0, layout.labelColumn)
      .map((c) => String(c ?? '').trim())
      .find((text) => isTotal(text));
    const label = labelCell || before || '';
    if (!label) continue;
    const total = isTotal(label);
    const unit = total ? null : units.find((u) => u.names.some((n) => flatName(n) === flatName(label)));
    const sums = total ? grand : unit?.sums;
    if (!sums) continue;
    const against = total ? '各分表之和' : `分表「${unit!.sheet}」`;
    for (const column of layout.columns) {
      const cell = cells[column.column] ?? null;
      const issue = (stated: string, actual: string) =>
        out.push({
          row,
          column: column.header,
          cell: `${columnLetter(column.column)}${row}`,
          value: stated,
          message: `汇总表「${sheetName}」中「${label}」的${column.header}为 ${stated}，与${against}（${actual}）不符`,
          sheet: sheetName,
        });
      if (column.measure === 'projectCount') {
        const n = typeof cell === 'number' ? cell : Number(String(cell ?? '').replace(/[个项\s]/g, ''));
        if (cell !== null && Number.isFinite(n) && n !== sums.count) issue(String(n), `${sums.count} 个项目`);
        continue;
      }
      const usd = detectCurrency(column.header);
      const unitOf = usd?.unit ?? column.unit ?? amountUnit;
      const parsed = parseSheetMoney(cell, unitOf, usd ? 'USD' : 'CNY', usdRate);
      if (!parsed.ok || parsed.fen === null) continue;
      const sum = sums.get(column.measure);
      if (!agrees(BigInt(parsed.fen), sum, unitOf, Math.max(1, sums.count)))
        issue(amountText(parsed.fen, unitOf), amountText(fenNumber(sum), unitOf));
    }
  }
  return out;
}
