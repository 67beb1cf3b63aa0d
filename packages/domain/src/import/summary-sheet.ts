/**
 * A workbook's summary sheet (汇总表): one row per responsible unit (or district) with its
 * figures — 项目个数, 协议投资额, 到位资金 … — and a 合计. It holds no projects: the import
 * reads it only to check that the unit sheets add up to it.
 */
import type { AmountUnit } from '../money.ts';
import { toHalfWidth } from '../text.ts';
import { detectAmountUnit } from './amounts.ts';
import { cellText, type Cell, type MergeRange } from './cells.ts';
import { importFieldKinds, normaliseHeader, rankHeader, type ImportField } from './fields.ts';
import { headerBlock, maxHeaderRows } from './header-block.ts';
import { maxHeaderScanRows } from './layout.ts';
import { isMetaRow } from './sheet-meta.ts';

/** What a summary column counts: an amount field of the projects, or their number. */
export type SummaryMeasure = ImportField | 'projectCount';

export interface SummaryColumn {
  column: number;
  header: string;
  measure: SummaryMeasure;
  unit: AmountUnit | null;
}

export interface SummaryLayout {
  /** 0-based header rows and the first data row. */
  headerRows: number[];
  dataStart: number;
  /** The column naming the unit (单位, 责任单位, 区县 …). */
  labelColumn: number;
  columns: SummaryColumn[];
}

const labelHeader =
  /^(?:责任单位|单位|单位名称|责任部门|部门|牵头单位|填报单位|区县|区县名称|区\(县\)|区县\(市\)|乡镇|镇街|乡镇街道|地区|区域|县区)$/;
const countHeader = /^(?:项目)?(?:个数|数量|总数|数|项目数)(?:\(个\))?$|^项目个数|^项目数/;

/** A sheet's name or title that says it sums the others: 汇总, 汇总表, 总表, 合计. */
export function isSummaryName(text: string | null | undefined): boolean {
  return /汇总|总表|合计表|统计总表/.test(toHalfWidth(text ?? ''));
}

/**
 * The summary table in the first rows of a sheet: a header (one to four rows) with a unit
 * column and at least one amount or count column, and no project name column. Null otherwise.
 */
export function detectSummaryLayout(
  rows: readonly (readonly Cell[])[],
  merges: readonly MergeRange[] = [],
  defaultUnit: AmountUnit | null = null,
): SummaryLayout | null {
  const limit = Math.min(rows.length, maxHeaderScanRows);
  let best: (SummaryLayout & { score: number }) | null = null;
  for (let index = 0; index < limit; index++) {
    // A header's first row has texts of its own (a merged title or a 填报单位 line is not one).
    const top = rows[index] ?? [];
    const texts = new Set(top.filter((cell) => typeof cell === 'string' && cell.trim() !== ''));
    if (texts.size < 2 || isMetaRow(top)) continue;
    for (let depth = 1; depth <= maxHeaderRows && index + depth <= limit; depth++) {
      const headers = headerBlock(rows, index, depth, merges);
      if (!headers) break;
      let labelColumn = -1;
      const columns: SummaryColumn[] = [];
      let hasName = false;
      const taken = new Set<SummaryMeasure>();
      headers.forEach((h, column) => {
        const text = normaliseHeader(h.text);
        if (text === '') return;
        const field = rankHeader(h.text, h.parent)?.field ?? null;
        if (field === 'name') hasName = true;
        if (labelColumn < 0 && (labelHeader.test(text) || field === 'unit')) {
          labelColumn = column;
          return;
        }
        const measure: SummaryMeasure | null =
          field && importFieldKinds[field] === 'amount'
            ? field
            : countHeader.test(text)
              ? 'projectCount'
              : null;
        if (!measure || taken.has(measure)) return;
        taken.add(measure);
        const display = h.parent ? `${h.parent}/${h.text}` : h.text;
        columns.push({
          column,
          header: display.replace(/\s+/g, ''),
          measure,
          unit:
            measure === 'projectCount'
              ? null
              : (detectAmountUnit(h.text) ?? (h.parent ? detectAmountUnit(h.parent) : null) ?? defaultUnit),
        });
      });
      if (hasName || labelColumn < 0 || !columns.length) continue;
      const score = columns.length;
      if (!best || score > best.score) {
        const headerRows = Array.from({ length: depth }, (_, i) => index + i);
        best = { headerRows, dataStart: index + depth, labelColumn, columns, score };
      }
    }
  }
  if (!best) return null;
  const { score: _score, ...layout } = best;
  return layout;
}

/** The label of a summary row (its unit), or '' for a blank row. */
export function summaryRowLabel(cells: readonly Cell[], layout: SummaryLayout): string {
  return cellText(cells[layout.labelColumn] ?? null);
}
