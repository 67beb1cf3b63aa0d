/**
 * The references a row needs resolved: its responsible unit (created on confirmation) and its
 * investor's enterprise (new enterprises wait in `pendingEnterprises` and are inserted with
 * their chunk, before its projects).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Ctx, Tx } from '../context.ts';
import type { EnterpriseTable } from '../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { ImportRecord } from './import-rows.ts';
import type { ImportSummary, RunSettings } from './import-types.ts';
import { flat, normaliseName, unitKind, type Known } from './import-index.ts';

export class ImportReferences {
  /** Units the file names that do not exist: normalised name → id ('' until created). */
  readonly newUnits = new Map<string, string>();
  readonly pendingEnterprises: Insertable<EnterpriseTable>[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly db: Tx,
    private readonly settings: RunSettings,
    private readonly known: Known,
    private readonly summary: ImportSummary,
    private readonly now: Date,
  ) {}

  /** The unit a row names: an existing one, or a name to create on confirmation (or the row's error). */
  unitFor(record: ImportRecord): { id: string | null; error?: string } {
    if (!record.unitName) {
      if (this.settings.defaultUnitId) return { id: this.settings.defaultUnitId };
      return { id: null, error: '缺少责任单位（文件没有责任单位列时，请在导入设置中选择默认责任单位）' };
    }
    const key = normaliseName(record.unitName);
    const unit = this.known.units.get(key);
    if (unit) return { id: unit.id };
    if (!this.newUnits.has(key)) {
      this.newUnits.set(key, '');
      this.summary.newUnits.push(record.unitName);
    }
    if (!this.settings.createUnits) {
      return { id: null, error: `责任单位「${record.unitName}」不存在（确认导入时可一并创建）` };
    }
    return { id: this.newUnits.get(key) || null };
  }

  /** Creates a unit the file names (on confirmation), with its audit row, in the import's transaction. */
  async ensureUnit(name: string): Promise<string> {
    const key = normaliseName(name);
    const existing = this.known.units.get(key);
    if (existing) return existing.id;
    const created = await this.db
      .insertInto('unit')
      .values({
        tenant_id: this.settings.tenantId,
        name,
        kind: unitKind(name),
        group_id: null,
        created_at: this.now,
      })
      .returning(['id', 'group_id'])
      .executeTakeFirstOrThrow();
    this.known.units.set(key, created);
    this.newUnits.set(key, created.id);
    await recordAudit(this.db, this.ctx, {
      action: 'unit.create',
      recordType: 'unit',
      recordId: created.id,
      tenantId: this.settings.tenantId,
      after: { id: created.id, name, source: 'import', importId: this.settings.importId },
    });
    return created.id;
  }

  /** The investor's enterprise: found by credit code (or name), updated if the file says more, or created. */
  async ensureEnterprise(
    investor: NonNullable<ImportRecord['investor']>,
    capitalKind: 'domestic' | 'foreign',
  ): Promise<{ id: string; created: boolean; updated: boolean }> {
    const byCode = investor.creditCode ? this.known.enterprisesByCode.get(investor.creditCode) : undefined;
    const byName = this.known.enterprisesByName.get(normaliseName(investor.name));
    const division = investor.place.kind === 'division' ? investor.place.code : null;
    const found = byCode ?? (byName && (!investor.creditCode || !byName.credit_code) ? byName : undefined);
    if (found) {
      if (found.createdHere) return { id: found.id, created: false, updated: false };
      const changed =
        found.name !== investor.name ||
        Boolean(investor.creditCode && !found.credit_code) ||
        Boolean(division && found.division_code !== division);
      if (!changed) return { id: found.id, created: false, updated: false };
      const before = { name: found.name, creditCode: found.credit_code, divisionCode: found.division_code };
      found.name = flat(investor.name);
      if (investor.creditCode) found.credit_code = flat(investor.creditCode);
      if (division) found.division_code = division;
      if (this.settings.commit) {
        await this.db
          .updateTable('enterprise')
          .set({
            name: investor.name,
            ...(investor.creditCode ? { credit_code: investor.creditCode } : {}),
            ...(division ? { division_code: division } : {}),
            updated_at: this.now,
            version: sql`version + 1`,
          })
          .where('id', '=', found.id)
          .execute();
        // A change to an existing record is audited one by one (new records are counted in import.commit).
        await recordAudit(this.db, this.ctx, {
          action: 'enterprise.update',
          recordType: 'enterprise',
          recordId: found.id,
          tenantId: this.settings.tenantId,
          before,
          after: {
            name: found.name,
            creditCode: found.credit_code,
            divisionCode: found.division_code,
            source: 'import',
            importId: this.settings.importId,
          },
        });
      }
      return { id: found.id, created: false, updated: true };
    }
    const id = randomUUID();
    if (this.settings.commit) {
      this.pendingEnterprises.push({
        id,
        tenant_id: this.settings.tenantId,
        name: investor.name,
        credit_code: investor.creditCode,
        division_code: division,
        capital_kind: capitalKind,
        industry_code: null,
        tags: [],
        is_local: division !== null && division.slice(0, 4) === this.settings.tenantDivision.slice(0, 4),
        unit_id: null,
        created_at: this.now,
        updated_at: this.now,
      });
    }
    const kept = {
      id,
      name: flat(investor.name),
      credit_code: investor.creditCode ? flat(investor.creditCode) : null,
      division_code: division,
      createdHere: true,
    };
    if (kept.credit_code) this.known.enterprisesByCode.set(kept.credit_code, kept);
    this.known.enterprisesByName.set(normaliseName(investor.name), kept);
    return { id, created: true, updated: false };
  }
}
