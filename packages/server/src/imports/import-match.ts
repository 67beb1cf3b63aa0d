/**
 * A chunk's records matched to the library: the same project twice in the file (an error), one
 * project on two units' sheets (多头报送: counted once, for the sheet listing it first), namesakes
 * told apart by the investor's credit code, and 增资/扩产 rows merged into their investor's
 * project (import-expansion.ts). No writes: what is matched, what is new, what merges.
 */
import type { ImportRecord } from './import-rows.ts';
import { flat, normaliseName, type KnownProject } from './import-index.ts';
import { matchExpansion, type KnownExpansion } from './import-expansion.ts';
import type { ImportRun } from './import-run.ts';

export interface ChunkMatch {
  /** Records naming one existing project → its id. */
  matched: Map<ImportRecord, string>;
  /** Records to plan: matched ones and new ones, in the file's order. */
  usable: ImportRecord[];
  /** 增资扩产 rows and the project each grows. */
  expansions: { record: ImportRecord; projectId: string; known: KnownExpansion | undefined }[];
}

/** Matches each record to an existing project, or none; the rows that cannot be are issues. */
export function matchChunk(run: ImportRun, records: readonly ImportRecord[]): ChunkMatch {
  const { sheet, sheets, summary, known, seen, expansionIndex } = run;
  const matched = new Map<ImportRecord, string>();
  const usable: ImportRecord[] = [];
  const expansions: ChunkMatch['expansions'] = [];
  for (const record of records) {
    // The same project twice in the file: same name, and the same investor code or none given.
    const nameKey = normaliseName(record.name);
    const code = record.investor?.creditCode ?? '';
    const earlierRows = seen.get(nameKey);
    const earlier = earlierRows?.find((e) => !code || !e.code || e.code === code);
    if (earlier && earlier.sheet !== sheet.index) {
      // 多头报送: two units' sheets report one project. It counts once, for the sheet listing it first.
      const first = sheets.find((s) => s.index === earlier.sheet)?.name ?? '';
      run.addIssues(
        [
          run.fieldIssue(
            record.row,
            'name',
            record.name,
            `多头报送：该项目已见于工作表「${first}」第 ${earlier.row} 行（责任单位：${earlier.unit ?? '未填'}），本表（责任单位：${record.unitName ?? '未填'}）再次报送；按先列出的「${first}」计入，本行不重复计入`,
          ),
        ],
        'warnings',
      );
      summary.projects.reportedTwice = (summary.projects.reportedTwice ?? 0) + 1;
      continue;
    }
    if (earlier) {
      run.addIssues(
        [run.fieldIssue(record.row, 'name', record.name, `与第 ${earlier.row} 行是同一项目`)],
        'errors',
      );
      continue;
    }
    seen.set(nameKey, [
      ...(earlierRows ?? []),
      {
        row: record.row,
        code: code ? flat(code) : '',
        sheet: sheet.index,
        unit: record.unitName ? flat(record.unitName) : null,
      },
    ]);
    const candidates = known.projects.get(normaliseName(record.name)) ?? [];
    let match: KnownProject[] = candidates;
    if (candidates.length > 1 && record.investor?.creditCode) {
      match = candidates.filter((c) => c.codes.includes(record.investor!.creditCode!));
    }
    if (match.length > 1) {
      run.addIssues(
        [
          run.fieldIssue(
            record.row,
            'name',
            record.name,
            '库中有多个同名项目，请填写投资方统一社会信用代码以区分',
          ),
        ],
        'errors',
      );
      continue;
    }
    if (match.length === 1) matched.set(record, match[0]!.id);
    if (match.length === 0) {
      const expansion = matchExpansion(record, expansionIndex);
      if (expansion.kind === 'merge') {
        expansions.push({ record, projectId: expansion.projectId, known: expansion.known });
        continue;
      }
      if (expansion.kind === 'ambiguous') {
        const code = record.investor!.creditCode!;
        run.addIssues(
          [
            run.fieldIssue(
              record.row,
              'investorCreditCode',
              code,
              `增资扩产：投资方 ${code} 在库中有 ${expansion.names.length} 个项目（${expansion.names.map((n) => `「${n}」`).join('、')}），无法确定并入哪一个；本行按新项目导入`,
            ),
          ],
          'warnings',
        );
      }
    }
    usable.push(record);
  }
  return { matched, usable, expansions };
}
