/**
 * The state of one import run, shared by its parts (import-engine.ts and the chunk's modules):
 * the summary being built and its helpers (issues, items, 待补证据), what the library holds
 * (projects, units, merged expansions), the names already read (same-file duplicates, 多头报送),
 * the references to resolve, and the sheet being read — every per-sheet choice comes from it.
 */
import type { Stage } from '@landfall/domain/stages';
import { importFieldLabels, type ImportField } from '@landfall/domain/import/index';
import { missingEvidenceText } from '@landfall/domain/evidence';
import type { Ctx, Tx } from '../context.ts';
import { unitSubmissionsReviewed } from '../settings/review-setting.service.ts';
import { columnLetter, type ImportRecord, type RowIssue } from './import-rows.ts';
import type { PlaceResolver, PlaceResult } from './places.ts';
import {
  emptySummary,
  MAX_ISSUES,
  MAX_ITEMS,
  type ImportSummary,
  type RunSettings,
  type SheetRun,
} from './import-types.ts';
import { industryResolver, loadKnown, type Known } from './import-index.ts';
import { figureIssues } from './import-checks.ts';
import type { EntryContext } from './import-plans.ts';
import { ImportReferences } from './import-refs.ts';
import { loadExpansionIndex, type ExpansionIndex } from './import-expansion.ts';

/** A name already read: its row, investor code ('' if none), sheet and unit. */
export interface SeenRow {
  row: number;
  code: string;
  sheet: number;
  unit: string | null;
}

/** What a row's project refers to: its unit, its investor's origin, capital kind and funds source. */
export interface RowRefs {
  unitId: string;
  origin: string | null;
  capitalKind: ReturnType<typeof capitalOf>;
  source: ReturnType<PlaceResolver['fundingSource']>;
}

export class ImportRun {
  readonly summary: ImportSummary;
  readonly multiSheet: boolean;
  /** Names read so far (normalised) → the rows naming them. */
  readonly seen = new Map<string, SeenRow[]>();
  readonly unknownStages = new Set<string>();
  readonly now: Date;
  readonly refs: ImportReferences;
  private readonly actorId: string | null;
  private readonly actorName: string;
  /** The sheet being read: every per-sheet choice (mapping, cut-off, unit) comes from it. */
  sheet: SheetRun;
  /** The current sheet's figure messages (import-checks.ts). */
  figures: ReturnType<typeof figureIssues>;

  private constructor(
    ctx: Ctx,
    readonly db: Tx,
    readonly sheets: readonly SheetRun[],
    readonly settings: RunSettings,
    readonly known: Known,
    readonly industryCode: ReturnType<typeof industryResolver>,
    readonly expansionIndex: ExpansionIndex,
    /** 报送审核 on: the projects the import creates wait for review. */
    readonly pendingReview: boolean,
  ) {
    const first = sheets[0]!;
    this.sheet = first;
    this.multiSheet = sheets.length > 1;
    this.summary = emptySummary(first);
    this.figures = figureIssues(first.mapping, first.amountUnit);
    this.now = ctx.clock.now();
    this.actorId = ctx.actor?.id ?? null;
    this.actorName = ctx.actor?.username ?? 'system';
    this.refs = new ImportReferences(ctx, db, settings, known, this.summary, this.now);
  }

  /** Loads what the run matches against and starts it on the first sheet. */
  static async open(ctx: Ctx, db: Tx, sheets: readonly SheetRun[], settings: RunSettings) {
    if (!sheets[0]) throw new Error('no sheet to import');
    const known = await loadKnown(db, settings.tenantId);
    const industryCode = industryResolver(known);
    const expansionIndex = await loadExpansionIndex(db, settings.tenantId, known.projects.values());
    // 报送审核: with the tenant's switch on, the projects an import creates wait for review like those
    // a unit types — every row is a unit's report, whoever uploads the file (only the coordinator may).
    const pendingReview = await unitSubmissionsReviewed(db, settings.tenantId);
    return new ImportRun(ctx, db, sheets, settings, known, industryCode, expansionIndex, pendingReview);
  }

  /** Moves the run to the next sheet. */
  useSheet(sheet: SheetRun) {
    this.sheet = sheet;
    this.figures = figureIssues(sheet.mapping, sheet.amountUnit);
  }

  /** The current sheet's name when the run reads several, for issues and items. */
  private get sheetName() {
    return this.multiSheet && this.sheet.name ? this.sheet.name : undefined;
  }

  addIssues(list: RowIssue[], target: 'errors' | 'warnings') {
    const { summary } = this;
    for (const i of list) {
      if (this.multiSheet && this.sheet.name && i.sheet === undefined) i.sheet = this.sheet.name;
      if (target === 'errors') summary.errorCount += 1;
      else summary.warningCount += 1;
      if (summary[target].length < MAX_ISSUES) summary[target].push(i);
    }
  }

  pushItem(item: ImportSummary['items'][number]) {
    const sheet = this.sheetName;
    if (this.summary.items.length < MAX_ITEMS) this.summary.items.push(sheet ? { ...item, sheet } : item);
  }

  /** An issue on a row's cell of `field` (its header and address from the current sheet's mapping). */
  fieldIssue(row: number, field: ImportField, value: string, message: string): RowIssue {
    const m = this.sheet.mapping.find((c) => c.field === field);
    return {
      row,
      column: m?.header ?? importFieldLabels[field]['zh-CN'],
      cell: m ? `${columnLetter(m.column)}${row}` : '',
      value,
      message,
    };
  }

  /** 待补证据: listed apart from the warnings (a sheet without 协议类型 would flood them), counted, capped. */
  noteEvidence(record: ImportRecord, stage: Stage, missing: readonly string[]) {
    const list = (this.summary.evidencePending ??= { count: 0, items: [] });
    list.count += 1;
    const sheet = this.sheetName;
    if (list.items.length < MAX_ITEMS)
      list.items.push({
        row: record.row,
        name: record.name,
        stage,
        missing: [...missing],
        message: missingEvidenceText(missing),
        ...(sheet ? { sheet } : {}),
      });
  }

  /** The columns every ledger entry of the run shares. */
  readonly entryBase = (projectId: string) => ({
    tenant_id: this.settings.tenantId,
    project_id: projectId,
    recorded_at: this.now,
    actor_id: this.actorId,
    actor_name: this.actorName,
    baseline: this.settings.baseline,
  });

  /** An entry's payload: the import and row it came from, and `extra`. */
  readonly importPayload = (row: number, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ source: 'import', importId: this.settings.importId, row, ...extra });

  /** A row's references resolved (its unit created on commit), or null and the row's error. */
  async rowRefs(record: ImportRecord): Promise<RowRefs | null> {
    const { refs, settings } = this;
    const unit = refs.unitFor(record);
    if (unit.error) {
      this.addIssues([this.fieldIssue(record.row, 'unit', record.unitName ?? '', unit.error)], 'errors');
      return null;
    }
    if (settings.commit && !unit.id && record.unitName) unit.id = await refs.ensureUnit(record.unitName);
    const place = record.investor?.place;
    return {
      unitId: unit.id ?? '',
      origin: place?.kind === 'division' ? place.code : null,
      capitalKind: capitalOf(record, place),
      source: settings.places.fundingSource(place ?? { kind: 'empty' }, settings.tenantDivision),
    };
  }

  /** What the plans need to write entries, as of the current sheet's cut-off. */
  entryContext(): EntryContext {
    return { base: this.entryBase, payload: this.importPayload, cutOff: this.sheet.cutOff };
  }
}

/** A row's capital kind: as stated, else foreign for an investor abroad, else domestic. */
export const capitalOf = (record: ImportRecord, place: PlaceResult | undefined) =>
  record.capitalKind ?? (place?.kind === 'abroad' ? 'foreign' : 'domestic');
