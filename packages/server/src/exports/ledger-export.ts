/**
 * The project ledger (推进台账) in the layout offices hand in: title, 填报单位/截止时间/单位
 * line, two-row merged headers, sections by stage, a 合计 row with formulas and their cached
 * values, notes — honouring the library's filters and as-of date.
 */
import { addDays, monthStart, shanghaiToday } from '@landfall/domain/dates';
import { stageLabels, stages, type Stage } from '@landfall/domain/stages';
import { projectQuerySchema, type ProjectQuery } from '@landfall/domain/schemas/project';
import { sql } from 'kysely';
import type { Ctx } from '../context.ts';
import { authorize } from '../auth/authorize.ts';
import { listScope } from '../auth/policy.ts';
import { libraryScope } from '../projects/project.service.ts';
import { AppError } from '../http/app-error.ts';
import { listLibrary, STALE_AFTER_DAYS, type LibraryRow } from '../projects/project.repo.ts';
import { resolveTier } from '../settings/tier-setting.service.ts';
import { getTenant } from '../tenants/tenant.repo.ts';
import {
  amountFacts,
  fundsIn,
  knownBeforeOf,
  latestProgress,
  type LedgerView,
} from '../ledger/ledger.reads.ts';
import { PlaceResolver } from '../imports/places.ts';
import { allBorders, cellValue, chineseDate, streamingWorkbook, wanNumber } from './xlsx-writer.ts';

const chineseNumerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const sectionTitles: Record<Stage, string> = {
  planning: '策划储备项目',
  negotiating: '在谈项目',
  signed: '已签约项目',
  settled: '已落地项目',
  construction: '开工建设项目',
  production: '已投产项目',
  paused: '暂停项目',
  dropped: '终止项目',
};

interface Column {
  group: string | null;
  header: string;
  width: number;
}
/** The ledger's columns: [group, header, width]; a null group is a header merged over both rows. */
const ledgerColumns: Column[] = [
  { group: null, header: '序号', width: 6 },
  { group: null, header: '项目名称', width: 28 },
  { group: '投资方', header: '名称', width: 26 },
  { group: '投资方', header: '统一社会信用代码', width: 21 },
  { group: '投资方', header: '所在地', width: 16 },
  { group: null, header: '责任单位', width: 14 },
  { group: null, header: '项目阶段', width: 9 },
  { group: null, header: '所属行业', width: 16 },
  { group: null, header: '内外资', width: 7 },
  { group: null, header: '建设内容', width: 30 },
  { group: null, header: '协议投资额', width: 12 },
  { group: null, header: '其中：固定资产投资', width: 12 },
  { group: '到位资金', header: '本月到位', width: 11 },
  { group: '到位资金', header: '本年到位', width: 11 },
  { group: '到位资金', header: '累计到位', width: 11 },
  { group: null, header: '入库时间', width: 11 },
  { group: null, header: '签约时间', width: 11 },
  { group: null, header: '开工时间', width: 11 },
  { group: null, header: '投产时间', width: 11 },
  { group: null, header: '联系领导', width: 10 },
  { group: null, header: '联系人', width: 10 },
  { group: null, header: '联系电话', width: 14 },
  { group: null, header: '目前进展', width: 36 },
  { group: null, header: '存在问题', width: 26 },
  { group: null, header: '下步计划', width: 26 },
  // What a stage stands on and what is planned: so the ledger re-imports to the same project.
  { group: null, header: '签约类型', width: 10 },
  { group: null, header: '注册时间', width: 11 },
  { group: null, header: '项目公司统一社会信用代码', width: 21 },
  { group: null, header: '项目性质', width: 8 },
  { group: null, header: '计划开工时间', width: 11 },
  { group: null, header: '计划投产时间', width: 11 },
  { group: null, header: '用地面积（亩）', width: 10 },
];
/**
 * 区县, after 序号, when the reader's library spans several tenants (a city's or province's): the
 * column a roll-up table is imported by (imports/import-rollup.ts). A district's own ledger has none.
 */
const districtColumn: Column = { group: null, header: '区县', width: 12 };
const moneyHeaders = ['协议投资额', '其中：固定资产投资', '本月到位', '本年到位', '累计到位'];
const wrappedHeaders = ['建设内容', '目前进展', '存在问题', '下步计划'];

interface Extra {
  investor: { name: string; credit_code: string | null; division_code: string | null } | undefined;
  enteredOn: string;
  month: number;
  year: number;
  cumulative: number;
  progress: { current?: string; problems?: string; nextSteps?: string } | undefined;
}

async function loadExtras(ctx: Ctx, ids: string[], view: LedgerView): Promise<Map<string, Extra>> {
  const out = new Map<string, Extra>();
  const asOf = view.asOf;
  const monthFrom = monthStart(asOf.slice(0, 7));
  const yearFrom = `${asOf.slice(0, 4)}-01-01`;
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    if (!part.length) continue;
    const investors = await sql<{
      project_id: string;
      name: string;
      credit_code: string | null;
      division_code: string | null;
    }>`select distinct on (pe.project_id) pe.project_id, e.name, e.credit_code, e.division_code
       from project_enterprise pe join enterprise e on e.id = pe.enterprise_id
       where pe.project_id in (${sql.join(part)}) order by pe.project_id, e.name`.execute(ctx.db);
    const sums = await sql<{
      project_id: string;
      entered: string;
      month: string;
      year: string;
      cumulative: string;
    }>`
      select f.project_id, f.entered_on::text as entered, coalesce(m.month, 0) as month, coalesce(m.year, 0) as year,
        f.funds_fen as cumulative
      from (${amountFacts({ ...view, projectIds: part })}) f
      left join (
        select e.project_id, sum(e.amount_fen) filter (where e.effective_on >= ${monthFrom}) as month,
          sum(e.amount_fen) as year
        from ledger_entry e where ${fundsIn({ ...view, projectIds: part }, { from: yearFrom })}
        group by e.project_id
      ) m on m.project_id = f.project_id`.execute(ctx.db);
    const progress = await sql<{ project_id: string; payload: Extra['progress'] }>`${latestProgress({
      ...view,
      projectIds: part,
    })}`.execute(ctx.db);
    const inv = new Map(investors.rows.map((r) => [r.project_id, r]));
    const prog = new Map(progress.rows.map((r) => [r.project_id, r.payload]));
    for (const s of sums.rows) {
      out.set(s.project_id, {
        investor: inv.get(s.project_id),
        enteredOn: s.entered,
        month: Number(s.month),
        year: Number(s.year),
        cumulative: Number(s.cumulative),
        progress: prog.get(s.project_id),
      });
    }
  }
  return out;
}

/** The project ledger as .xlsx, with the library's filters and as-of date. */
export async function exportLedger(
  ctx: Ctx,
  rawQuery: Partial<ProjectQuery>,
  onProgress?: (done: number) => void,
) {
  const actor = await authorize(ctx, 'export.ledger');
  const query = projectQuerySchema.parse({ ...rawQuery, page: 1, pageSize: 20 });
  const today = shanghaiToday(ctx.clock.now());
  const asOf = query.asOf ?? today;
  if (asOf > today)
    throw new AppError(
      'validation_failed',
      ctx.locale === 'zh-CN' ? '截止日期不能晚于今天' : 'The date cannot be in the future',
    );
  const scope = libraryScope(actor, 'export.ledger', query.tenantId);
  const visible = listScope(actor, 'export.ledger').tenantIds;
  const byDistrict = !visible || visible.length > 1;
  const columns = byDistrict ? [ledgerColumns[0]!, districtColumn, ...ledgerColumns.slice(1)] : ledgerColumns;
  /** 1-based column numbers of the money and the wrapped columns. */
  const columnsOf = (headers: string[]) =>
    columns.flatMap((c, i) => (headers.includes(c.header) ? [i + 1] : []));
  const moneyColumns = columnsOf(moneyHeaders);
  const wrapped = columnsOf(wrappedHeaders);
  const staleBefore = addDays(asOf, -STALE_AFTER_DAYS);
  // Read with every sensitive project, then keep back the ones whose details this reader may not see:
  // above the district they are summed into a note, per district, never listed and never subtracted.
  const { rows: allRows } = await listLibrary(
    ctx.db,
    { ...scope, sensitiveTenantIds: undefined },
    {
      ...query,
      asOf: query.asOf,
      sort: 'name',
      order: 'asc',
      page: 1,
      pageSize: 1_000_000,
      tierRule: query.tier ? await resolveTier(ctx, actor.tenantId, query.tier) : undefined,
    },
    staleBefore,
  );
  const shown = (r: (typeof allRows)[number]) =>
    r.sensitivity !== 'sensitive' ||
    !scope.sensitiveTenantIds ||
    scope.sensitiveTenantIds.includes(r.tenant_id);
  const rows = allRows.filter(shown);
  // A name search does not reveal whether a sensitive project matches it.
  const withheld = query.q ? [] : allRows.filter((r) => !shown(r));
  // The reporting unit is the caller's tenant (a city's viewer exports its districts under the city's name).
  const tenantId = actor.tenantId ?? rows[0]?.tenant_id;
  const tenant = tenantId ? await getTenant(ctx.db, tenantId) : null;
  const extras = await loadExtras(
    ctx,
    [...rows, ...withheld].map((r) => r.id),
    { asOf, knownBefore: knownBeforeOf(query.knownOn), tenantIds: scope.tenantIds },
  );
  const places = await PlaceResolver.load(ctx.db);
  const units = new Map(
    (await ctx.db.selectFrom('unit').select(['id', 'name']).execute()).map((u) => [u.id, u.name]),
  );
  const industryCodes = [...new Set(rows.map((r) => r.industry_code).filter(Boolean))] as string[];
  const industries = new Map(
    industryCodes.length
      ? (
          await ctx.db
            .selectFrom('industry')
            .select(['code', 'name'])
            .where('code', 'in', industryCodes)
            .execute()
        ).map((i) => [i.code, i.name])
      : [],
  );

  const { workbook, finish } = streamingWorkbook();
  const sheet = workbook.addWorksheet('推进台账', {
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }],
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const last = columns.length;
  const title = `${tenant?.name ?? ''}招商引资项目推进台账`;
  const titleRow = sheet.addRow([title]);
  titleRow.height = 30;
  titleRow.getCell(1).font = { size: 18, bold: true, name: '宋体' };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.mergeCells(1, 1, 1, last);
  titleRow.commit();
  const metaRow = sheet.addRow([
    `填报单位：${tenant?.name ?? ''}    截止时间：${chineseDate(asOf)}    单位：万元`,
  ]);
  sheet.mergeCells(2, 1, 2, last);
  metaRow.commit();

  const headerTop = sheet.addRow(columns.map((c) => c.group ?? c.header));
  const headerBottom = sheet.addRow(columns.map((c) => (c.group ? c.header : null)));
  for (const row of [headerTop, headerBottom]) {
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = allBorders;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
  }
  columns.forEach((c, i) => {
    if (!c.group) sheet.mergeCells(3, i + 1, 4, i + 1);
  });
  for (let i = 0; i < columns.length;) {
    const group = columns[i]!.group;
    let j = i;
    while (group && j + 1 < columns.length && columns[j + 1]!.group === group) j += 1;
    if (group && j > i) sheet.mergeCells(3, i + 1, 3, j + 1);
    i = j + 1;
  }
  headerTop.commit();
  headerBottom.commit();

  let rowNumber = 4;
  const dataRows: number[] = [];
  const totals = moneyColumns.map(() => 0);
  let seq = 0;
  let sectionIndex = 0;
  const byStage = new Map<Stage, LibraryRow[]>();
  for (const r of rows) {
    const list = byStage.get(r.stage as Stage) ?? [];
    list.push(r);
    byStage.set(r.stage as Stage, list);
  }
  // By 区县 (GB/T 2260 order) within a section, by name within a district (the rows come by name).
  if (byDistrict)
    for (const list of byStage.values())
      list.sort((a, b) => a.tenant_division_code.localeCompare(b.tenant_division_code));
  let done = 0;
  for (const stage of stages) {
    const list = byStage.get(stage);
    if (!list?.length) continue;
    const section = sheet.addRow([
      `${chineseNumerals[sectionIndex] ?? String(sectionIndex + 1)}、${sectionTitles[stage]}（${list.length}个）`,
    ]);
    rowNumber += 1;
    sectionIndex += 1;
    section.getCell(1).font = { bold: true };
    sheet.mergeCells(rowNumber, 1, rowNumber, last);
    section.commit();
    for (const p of list) {
      seq += 1;
      const x = extras.get(p.id);
      const values = [
        seq,
        ...(byDistrict ? [p.tenant_name] : []),
        p.name,
        x?.investor?.name ?? '',
        x?.investor?.credit_code ?? '',
        places.fullName(p.origin_division_code ?? x?.investor?.division_code),
        units.get(p.unit_id) ?? '',
        stageLabels[stage]['zh-CN'],
        p.industry_code ? `${p.industry_code} ${industries.get(p.industry_code) ?? ''}`.trim() : '',
        p.capital_kind === 'foreign' ? '外资' : '内资',
        p.construction_content,
        wanNumber(Number(p.agreed_investment_fen)),
        wanNumber(Number(p.fixed_asset_fen)),
        wanNumber(x?.month ?? 0),
        wanNumber(x?.year ?? 0),
        wanNumber(x?.cumulative ?? 0),
        x?.enteredOn ?? '',
        p.signed_on ?? '',
        p.actual_start_on ?? '',
        p.production_on ?? '',
        p.leader_in_charge,
        p.contact_name,
        p.contact_phone,
        x?.progress?.current ?? '',
        x?.progress?.problems ?? '',
        x?.progress?.nextSteps ?? '',
        p.agreement_kind === 'framework' ? '框架协议' : p.agreement_kind === 'formal' ? '正式协议' : '',
        p.registered_on ?? '',
        p.local_credit_code ?? '',
        p.project_kind === 'expansion' ? '扩建' : '新建',
        p.planned_start_on ?? '',
        p.planned_production_on ?? '',
        p.land_mu === null || p.land_mu === undefined ? '' : Number(p.land_mu),
      ];
      const row = sheet.addRow(values.map((v) => cellValue(v as string | number | null)));
      rowNumber += 1;
      dataRows.push(rowNumber);
      [
        Number(p.agreed_investment_fen),
        Number(p.fixed_asset_fen),
        x?.month ?? 0,
        x?.year ?? 0,
        x?.cumulative ?? 0,
      ].forEach((v, i) => {
        totals[i]! += v;
      });
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.border = allBorders;
        cell.alignment = { vertical: 'top', wrapText: wrapped.includes(col) };
        if (moneyColumns.includes(col)) cell.numFmt = '#,##0.00####';
      });
      row.commit();
      done += 1;
      if (done % 500 === 0) onProgress?.(done);
    }
  }
  // 合计: SUM formulas over the project rows, with their values cached so viewers without recalculation show them.
  const totalRow = sheet.addRow(['合计']);
  rowNumber += 1;
  totalRow.getCell(columnsOf(['项目名称'])[0]!).value = `${seq}个项目`;
  moneyColumns.forEach((col, i) => {
    const letter = sheet.getColumn(col).letter;
    const ranges = contiguous(dataRows).map(([a, b]) => `${letter}${a}:${letter}${b}`);
    totalRow.getCell(col).value = ranges.length
      ? { formula: `SUM(${ranges.join(',')})`, result: wanNumber(totals[i]!)! }
      : 0;
    totalRow.getCell(col).numFmt = '#,##0.00####';
  });
  totalRow.eachCell({ includeEmpty: true }, (cell) => {
    cell.font = { bold: true };
    cell.border = allBorders;
  });
  totalRow.commit();
  const notes = [
    `注：1. 本表由 Landfall 招商引资项目台账管理系统生成，数据截至${chineseDate(asOf)}；金额单位为万元。`,
    '2. “本月到位”“本年到位”“累计到位”均按到账日期统计；项目阶段为截止日期时的阶段。',
  ];
  if (withheld.length) notes.push(withheldNote(withheld, extras, totals, notes.length + 1));
  for (const note of notes) {
    const noteRow = sheet.addRow([note]);
    rowNumber += 1;
    sheet.mergeCells(rowNumber, 1, rowNumber, last);
    noteRow.commit();
  }
  sheet.commit();
  const bytes = await finish();
  return { bytes, filename: `${tenant?.name ?? ''}招商引资项目推进台账（截至${asOf}）.xlsx`, projects: seq };
}

/**
 * 3. 敏感项目: per district, how many are kept back and what they add (协议投资额, 本年到位, 累计到位), and the
 * totals with them — so the figures above the district are the district's own (纵向联动), without the details.
 */
function withheldNote(
  withheld: readonly LibraryRow[],
  extras: Map<string, { year?: number; cumulative?: number }>,
  /** The 合计 row's sums: 协议投资额, 固定资产投资, 本月, 本年, 累计到位. */
  totals: readonly number[],
  n: number,
): string {
  const wan = (fen: number) =>
    `${(wanNumber(fen) ?? 0).toLocaleString('zh-CN', { maximumFractionDigits: 6 })}万元`;
  const byDistrict = new Map<
    string,
    { name: string; code: string; count: number; agreed: number; year: number; cumulative: number }
  >();
  for (const r of withheld) {
    const d = byDistrict.get(r.tenant_id) ?? {
      name: r.tenant_name,
      code: r.tenant_division_code,
      count: 0,
      agreed: 0,
      year: 0,
      cumulative: 0,
    };
    const x = extras.get(r.id);
    d.count += 1;
    d.agreed += Number(r.agreed_investment_fen);
    d.year += x?.year ?? 0;
    d.cumulative += x?.cumulative ?? 0;
    byDistrict.set(r.tenant_id, d);
  }
  const parts = [...byDistrict.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map(
      (d) =>
        `${d.name}${d.count}个（协议投资额${wan(d.agreed)}，本年到位${wan(d.year)}，累计到位${wan(d.cumulative)}）`,
    );
  const sum = (key: 'agreed' | 'year' | 'cumulative') =>
    [...byDistrict.values()].reduce((total, d) => total + d[key], 0);
  const all = `含敏感项目在内共计：协议投资额${wan((totals[0] ?? 0) + sum('agreed'))}，本年到位${wan((totals[3] ?? 0) + sum('year'))}，累计到位${wan((totals[4] ?? 0) + sum('cumulative'))}`;
  return `${n}. 敏感项目的明细不在上级显示，上表合计不含其金额：${parts.join('；')}。${all}。`;
}

function contiguous(rows: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of rows) {
    const lastRange = out.at(-1);
    if (lastRange && lastRange[1] === r - 1) lastRange[1] = r;
    else out.push([r, r]);
  }
  return out;
}
