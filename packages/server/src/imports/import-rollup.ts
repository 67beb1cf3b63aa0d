/**
 * A city's or province's table grouped by 区县 (a city's 到位资金 statistics): imported at the
 * city or province tenant, each row goes into its district. A first pass over the sheets finds
 * the districts the file names (the 区县 column, merged down over its rows, filled) and gives
 * every row its district: a project row by its 区县 cell, a subtotal (万州区小计) by its cell or
 * its label, a heading (一、在谈项目) to every district, a 合计 of the whole table to none. Then
 * the import runs once per district over that district's rows, in the one transaction, and the
 * summaries are added up.
 *
 * Districts named in the file that do not exist yet are listed, and created on confirmation
 * (`createUnits`) under the tenant — from GB/T 2260, so only real divisions below it. A row
 * without a 责任单位 goes to the district's investment-promotion unit (a unit named 投资促进/招商
 * /投促/商务, or the district's only unit), created on confirmation when the district has none.
 */
import type { Stage } from '@landfall/domain/stages';
import { classifyRow, MergedDownFiller, neverFilledColumns, cellText } from '@landfall/domain/import/index';
import type { Ctx, Tx } from '../context.ts';
import { findTenantByDivision, insertTenantWithGroups } from '../tenants/tenant.service.ts';
import { divisionName, findCountyByName } from '../divisions/division.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { SheetRow } from './sheet-reader.ts';
import {
  emptySummary,
  ImportHasErrors,
  MAX_ISSUES,
  MAX_ITEMS,
  type ImportSummary,
  type RunSettings,
  type SheetRun,
} from './import-types.ts';
import type { RowIssue } from './import-rows.ts';
import { normaliseName } from './import-index.ts';

export const DEFAULT_DISTRICT_UNIT = '投资促进局';

/** '万州区' and '万州' name one district; '重庆市万州区' too. */
export function districtKey(name: string): string {
  const flat = normaliseName(name).replace(/^.*?(?:省|自治区|市)(?=.+[区县市旗]$)/, '');
  return flat.replace(/(?:自治县|自治旗|区|县|市|旗)$/, '') || flat;
}

export interface RollupDistrict {
  key: string;
  name: string;
  /** The existing tenant, or null when it is to be created. */
  tenantId: string | null;
  divisionCode: string | null;
  /** Rows of the file in this district. */
  rows: number;
}

export interface RollupPlan {
  districts: RollupDistrict[];
  /** District names that are no division below the tenant: the first row naming each. */
  unknown: RowIssue[];
  /** Per sheet: Excel row → district key; '*' for every district; absent for none. */
  targets: Map<number, Map<number, string>>;
  /** Rows no district takes (合计 of the whole table, notes). */
  unassigned: number;
}

/** A tenant as the tenants feature gives it. */
type TenantRecord = NonNullable<Awaited<ReturnType<typeof findTenantByDivision>>>;

interface Tenantish {
  id: string;
  division_code: string;
  level: string;
}

/** The plan, or null when the import is an ordinary one (a district tenant, or no 区县 column). */
export async function planRollup(
  ctx: Ctx,
  tenant: Tenantish,
  sheets: readonly SheetRun[],
  children: readonly { id: string; name: string; division_code: string }[],
  stageLabels: Record<string, Stage>,
): Promise<RollupPlan | null> {
  if (tenant.level === 'district') return null;
  if (!sheets.some((s) => s.mapping.some((m) => m.field === 'district'))) return null;
  const byKey = new Map<string, RollupDistrict>();
  const unknown: RowIssue[] = [];
  const unknownKeys = new Set<string>();
  const targets = new Map<number, Map<number, string>>();
  let unassigned = 0;
  for (const sheet of sheets) {
    const column = sheet.mapping.find((m) => m.field === 'district')?.column;
    const rowTargets = new Map<number, string>();
    targets.set(sheet.index, rowTargets);
    if (column === undefined) continue;
    const never = neverFilledColumns(sheet.mapping);
    const filler = new MergedDownFiller(sheet.merges, never);
    for await (const { row, cells: raw } of sheet.rows) {
      if (row < sheet.dataStart) continue;
      // A blank row stays blank, even inside a 区县 merged over its rows.
      if (classifyRow(raw, sheet.mapping, { stageLabels }).kind === 'blank') continue;
      const cells = filler.empty ? raw : filler.fill(row, raw);
      const kind = classifyRow(cells, sheet.mapping, { stageLabels });
      if (kind.kind === 'section' || kind.kind === 'header') {
        rowTargets.set(row, '*');
        continue;
      }
      let name = cellText(cells[column] ?? null);
      let fromLabel = false;
      if (kind.kind === 'total') {
        if (!name && kind.scope === 'group') {
          name = kind.label.replace(/[（(]?(?:小计|合计)[)）]?.*$/, '').trim();
          fromLabel = true;
        }
        if (!name || kind.scope !== 'group') {
          unassigned += 1;
          continue;
        }
      } else if (kind.kind === 'note') {
        unassigned += 1;
        continue;
      }
      if (!name) {
        if (kind.kind === 'project') {
          unknown.push({
            row,
            column: sheet.mapping.find((m) => m.field === 'district')?.header ?? '区县',
            cell: '',
            value: '',
            message: '缺少区县（按区县汇总的表，每行都应写明所在区县）',
            ...(sheet.name ? { sheet: sheet.name } : {}),
          });
        }
        continue;
      }
      const key = districtKey(name);
      let district = byKey.get(key);
      if (!district && !unknownKeys.has(key)) {
        const child = children.find((c) => districtKey(c.name) === key);
        const division = child ? null : await findCountyByName(ctx.db, tenant.division_code, name);
        if (child || division) {
          district = {
            key,
            name: child?.name ?? division!.name,
            tenantId: child?.id ?? null,
            divisionCode: child?.division_code ?? division!.code,
            rows: 0,
          };
          byKey.set(key, district);
        } else if (fromLabel) {
          // 工业项目合计: a group's subtotal that names no district is no district's (and no error).
          unassigned += 1;
          continue;
        } else {
          unknownKeys.add(key);
          unknown.push({
            row,
            column: sheet.mapping.find((m) => m.field === 'district')?.header ?? '区县',
            cell: '',
            value: name,
            message: `「${name}」不是本区域下辖的区县（按 GB/T 2260 行政区划）`,
            ...(sheet.name ? { sheet: sheet.name } : {}),
          });
        }
      }
      if (!district) continue;
      if (kind.kind === 'project') district.rows += 1;
      rowTargets.set(row, key);
    }
  }
  return { districts: [...byKey.values()], unknown, targets, unassigned };
}

/** The sheet's rows that belong to one district (its own, and the headings every district shares). */
export async function* districtRows(
  rows: AsyncIterable<SheetRow>,
  targets: Map<number, string> | undefined,
  key: string,
): AsyncGenerator<SheetRow> {
  for await (const r of rows) {
    const target = targets?.get(r.row);
    if (target === key || target === '*') yield r;
  }
}

/** The district's tenant, created (with its audit row) on confirmation when the file names a new one. */
export async function ensureDistrict(
  ctx: Ctx,
  trx: Tx,
  parent: TenantRecord,
  district: RollupDistrict,
  importId: string,
): Promise<string> {
  if (district.tenantId) return district.tenantId;
  const created = await insertDistrictUnder(ctx, trx, parent, district);
  await recordAudit(trx, ctx, {
    action: 'tenant.create',
    recordType: 'tenant',
    recordId: created,
    tenantId: created,
    after: {
      id: created,
      name: district.name,
      divisionCode: district.divisionCode,
      source: 'import',
      importId,
    },
  });
  district.tenantId = created;
  return created;
}

async function insertDistrictUnder(
  ctx: Ctx,
  trx: Tx,
  parent: TenantRecord,
  district: RollupDistrict,
): Promise<string> {
  const code = district.divisionCode!;
  // A province's district goes under its city: that city's tenant (created first if need be).
  let under = parent;
  if (parent.level === 'province') {
    const cityCode = `${code.slice(0, 4)}00`;
    const city = await findTenantByDivision(trx, cityCode);
    if (city) under = city;
    else {
      const name = await divisionName(trx, cityCode);
      const created = await insertTenantWithGroups(ctx, trx, { name, divisionCode: cityCode, parent });
      await recordAudit(trx, ctx, {
        action: 'tenant.create',
        recordType: 'tenant',
        recordId: created.id,
        tenantId: created.id,
        after: { id: created.id, name, divisionCode: cityCode, source: 'import' },
      });
      under = (await findTenantByDivision(trx, cityCode))!;
    }
  }
  const tenant = await insertTenantWithGroups(ctx, trx, {
    name: district.name,
    divisionCode: code,
    parent: under,
  });
  return tenant.id;
}

/** The unit a district's rows default to: its investment-promotion unit, its only unit, or one to create. */
export function districtDefaultUnit(units: readonly { name: string }[]): string {
  const promotion = units
    .map((u) => u.name)
    .filter((name) => /投资促进|招商|投促|商务/.test(name))
    .sort((a, b) => Number(/投资促进|投促/.test(b)) - Number(/投资促进|投促/.test(a)) || a.localeCompare(b));
  if (promotion[0]) return promotion[0];
  if (units.length === 1) return units[0]!.name;
  return DEFAULT_DISTRICT_UNIT;
}

/** Adds a district run's summary into the whole import's. */
export function addSummary(into: ImportSummary, part: ImportSummary, district: string) {
  const add = (a: number | undefined, b: number | undefined) => (a || b ? (a ?? 0) + (b ?? 0) : undefined);
  into.rows += part.rows;
  into.skipped += part.skipped;
  into.blankRows += part.blankRows;
  const projects = into.projects;
  projects.created += part.projects.created;
  projects.updated += part.projects.updated;
  projects.unchanged += part.projects.unchanged;
  for (const key of ['reportedTwice', 'pendingReview'] as const) {
    const sum = add(projects[key], part.projects[key]);
    if (sum !== undefined) projects[key] = sum;
  }
  into.enterprises.created += part.enterprises.created;
  into.enterprises.updated += part.enterprises.updated;
  into.fundingRecords += part.fundingRecords;
  into.newUnits.push(...part.newUnits.map((u) => `${district}：${u}`));
  for (const stage of part.unknownStages)
    if (!into.unknownStages.includes(stage)) into.unknownStages.push(stage);
  // Every issue and item says which district it is in.
  into.errorCount += part.errorCount;
  into.errors.push(...part.errors.map((i) => ({ ...i, district })));
  into.warningCount += part.warningCount;
  into.warnings.push(...part.warnings.map((i) => ({ ...i, district })));
  into.items.push(...part.items.map((i) => ({ ...i, district })));
  into.skippedRows.push(...part.skippedRows);
  if (part.evidencePending) {
    const list = (into.evidencePending ??= { count: 0, items: [] });
    list.count += part.evidencePending.count;
    list.items.push(...part.evidencePending.items);
  }
  // A sheet read once per district: its rows add up, its skipped rows are counted once at the end.
  for (const sheet of part.sheets ?? []) {
    const same = into.sheets?.find((s) => s.index === sheet.index);
    if (same) {
      same.rows += sheet.rows;
      same.skipped += sheet.skipped;
    } else (into.sheets ??= []).push({ ...sheet });
  }
}

const NO_TENANT = '00000000-0000-0000-0000-000000000000';

export interface RollupRun {
  plan: RollupPlan;
  parent: NonNullable<Awaited<ReturnType<typeof findTenantByDivision>>>;
  /** Fresh sheet runs (each district reads the sheets again). */
  open: () => Promise<SheetRun[]>;
  unitsOf: (db: Tx, tenantId: string) => Promise<{ name: string }[]>;
}

/**
 * The import of a roll-up table: once per district over its rows, inside the caller's
 * transaction when committing. Errors of every district are gathered before a commit gives up.
 */
export async function runRollup(
  ctx: Ctx,
  db: Tx,
  r: RollupRun,
  settings: RunSettings,
  run: (db: Tx, sheets: SheetRun[], settings: RunSettings) => Promise<ImportSummary>,
): Promise<ImportSummary> {
  const { plan } = r;
  let total: ImportSummary | null = null;
  const districts: NonNullable<ImportSummary['districts']> = [];
  const newDistricts: string[] = [];
  const districtErrors: RowIssue[] = [...plan.unknown];
  for (const district of plan.districts) {
    const creating = !district.tenantId;
    if (creating) {
      newDistricts.push(district.name);
      if (!settings.createUnits)
        districtErrors.push({
          row: 0,
          column: '区县',
          cell: '',
          value: district.name,
          message: `区县「${district.name}」尚未建立（确认导入时可一并创建）`,
        });
    }
    const tenantId =
      settings.commit && settings.createUnits
        ? await ensureDistrict(ctx, db, r.parent, district, settings.importId)
        : (district.tenantId ?? NO_TENANT);
    const unitName = districtDefaultUnit(tenantId === NO_TENANT ? [] : await r.unitsOf(db, tenantId));
    const sheets = (await r.open()).map((sheet) => ({
      ...sheet,
      unitName,
      rows: districtRows(sheet.rows, plan.targets.get(sheet.index), district.key),
    }));
    let part: ImportSummary;
    try {
      part = await run(db, sheets, { ...settings, tenantId, tenantDivision: district.divisionCode ?? '' });
    } catch (err) {
      if (!(err instanceof ImportHasErrors)) throw err;
      part = err.summary;
    }
    districts.push({
      name: district.name,
      created: creating,
      rows: part.rows,
      projects: { ...part.projects },
      errorCount: part.errorCount,
    });
    total ??= emptySummary(part);
    addSummary(total, part, district.name);
  }
  if (!total)
    throw new ImportHasErrors({
      ...emptySummary(null),
      errors: districtErrors,
      errorCount: districtErrors.length,
    });
  // Headings reach every district: count each once.
  const shared = [...plan.targets.values()].reduce(
    (n, t) => n + [...t.values()].filter((v) => v === '*').length,
    0,
  );
  total.skipped -= shared * (plan.districts.length - 1);
  total.skipped += plan.unassigned;
  const seenSkipped = new Set<string>();
  total.skippedRows = total.skippedRows.filter((row) => {
    const key = `${row.sheet ?? ''}:${row.row}`;
    if (seenSkipped.has(key)) return false;
    seenSkipped.add(key);
    return true;
  });
  // The file's district problems first, then each district's issues in its order (sheet, row), capped as one run's.
  total.errors.unshift(...districtErrors);
  total.errorCount += districtErrors.length;
  total.errors = total.errors.slice(0, MAX_ISSUES);
  total.warnings = total.warnings.slice(0, MAX_ISSUES);
  total.items = total.items.slice(0, MAX_ITEMS);
  total.districts = districts;
  total.newDistricts = newDistricts;
  if (settings.commit && total.errorCount > 0) throw new ImportHasErrors(total);
  return total;
}
