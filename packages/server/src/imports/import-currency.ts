/**
 * The preview's note on USD amounts: the rate they were converted at (按 1 美元 = 7.1 元人民币折算)
 * and where they were — the 万美元 columns by header, other cells ('500万美元' in a 万元 column)
 * by address. One note per run, at the top of the warnings.
 */
import { detectCurrency, type ColumnMapping, type ImportField } from '@landfall/domain/import/index';
import { columnLetter, type ImportRecord, type RowIssue } from './import-rows.ts';

const MAX_CELLS = 20;

export class UsdNotes {
  private columns = new Set<string>();
  private cells: string[] = [];
  private cellCount = 0;

  /** Notes the USD figures of a record read with `mapping`, on sheet `sheet` of a workbook of several. */
  observe(record: ImportRecord, mapping: readonly ColumnMapping[], sheet: string | null) {
    for (const field of Object.keys(record.originals) as ImportField[]) {
      const m = mapping.find((c) => c.field === field);
      if (!m) continue;
      if (detectCurrency(m.header)) {
        this.columns.add(sheet ? `${sheet}：${m.header}` : m.header);
        continue;
      }
      this.cellCount += 1;
      const address = `${columnLetter(m.column)}${record.row}`;
      if (this.cells.length < MAX_CELLS) this.cells.push(sheet ? `${sheet}!${address}` : address);
    }
  }

  note(rate: string | null | undefined): RowIssue[] {
    if (!rate || (!this.columns.size && !this.cellCount)) return [];
    const where = [
      ...(this.columns.size ? [`列 ${[...this.columns].join('、')}`] : []),
      ...(this.cellCount
        ? [
            `单元格 ${this.cells.join('、')}${this.cellCount > this.cells.length ? ` 等 ${this.cellCount} 个` : ''}`,
          ]
        : []),
    ].join('；');
    return [
      {
        row: 0,
        column: '币种',
        cell: '',
        value: rate,
        message: `美元金额按 1 美元 = ${rate} 元人民币折算（${where}）；原币金额与汇率记入台账`,
      },
    ];
  }
}
