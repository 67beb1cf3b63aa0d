import type { Cell } from '@landfall/domain/import/index';
import { toXlsx } from './ledger-files.ts';

export type Funds = { month?: Cell; year?: Cell; cumulative?: Cell };
export interface FundsRow extends Funds {
  name: string;
  stage?: string;
  agreed?: Cell;
  signed?: Cell;
}
const fundsHeaders = { month: '本月到位', year: '本年到位', cumulative: '累计到位' } as const;

/**
 * A small ledger sheet for the funds and plausibility tests, as .xlsx: a title, the meta line with
 * the cut-off, one header row. Columns: A 序号, B 项目名称, C 责任单位, D 项目阶段, E 协议投资额 (or
 * `agreedHeader`), F 签约时间, then the funds columns asked for (G, H, I); data from row 4.
 */
export function fundsSheet(
  cutOff: string,
  funds: (keyof Funds)[],
  rows: FundsRow[],
  agreedHeader = '协议投资额',
) {
  const [y, m, d] = cutOff.split('-').map(Number);
  return toXlsx({
    rows: [
      ['万州区招商引资项目推进台账'],
      [`填报单位：万州区投资促进局   截止时间：${y}年${m}月${d}日   单位：万元`],
      [
        '序号',
        '项目名称',
        '责任单位',
        '项目阶段',
        agreedHeader,
        '签约时间',
        ...funds.map((f) => fundsHeaders[f]),
      ],
      ...rows.map((r, i) => [
        i + 1,
        r.name,
        '经信委',
        r.stage ?? '已签约',
        r.agreed ?? 100000,
        r.signed ?? null,
        ...funds.map((f) => r[f] ?? null),
      ]),
    ],
    merges: [],
  });
}
