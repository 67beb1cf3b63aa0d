import type { AmountUnit, Stage } from '@landfall/domain';
import type { ImportField } from '@landfall/domain/import/fields';
import type { SheetMeta } from '@landfall/domain/import/sheet-meta';
import type { SummaryLayout } from '@landfall/domain/import/summary-sheet';
import type { ImportOptionsInput } from '@landfall/domain/schemas/import';
import { api, postStream } from './client.ts';

/**
 * Response shapes of the import API (docs/API.md, "Import and export"), mirroring
 * server/src/imports/import.service.ts (ImportBatch), import-batch.ts (StoredLayout, StoredSheet)
 * and import-types.ts (ImportSummary).
 */

export type ImportOptions = ImportOptionsInput;
export type ImportStatus = 'uploaded' | 'previewed' | 'committed';
export type ImportFormat = 'xlsx' | 'xls' | 'csv';

export interface ImportHeader {
  /** 0-based column index. */
  column: number;
  letter: string;
  text: string;
  /** The group header above it (投资方 over 名称), if any. */
  parent: string | null;
}

export interface ImportColumnMapping {
  column: number;
  /** As shown to people: 'parent/child' under a group. */
  header: string;
  field: ImportField | null;
  unit: AmountUnit | null;
}

/** A sheet's lines above its table: title, 填报单位, 截止时间 (and where it was read), 单位. */
export type ImportSheetMeta = SheetMeta;

/** Where a sheet's responsible unit comes from when it has no 责任单位 column. */
export type SheetUnitSource = 'reporting_unit' | 'sheet_name';
/** projects: a ledger table; summary: a 汇总 of the others (checked, not imported); other: neither. */
export type SheetKind = 'projects' | 'summary' | 'other';

/** One sheet of a workbook as the upload read it (Excel row numbers, 1-based). */
export interface ImportSheet {
  /** 0-based position in the workbook. */
  index: number;
  name: string | null;
  hidden: boolean;
  kind: SheetKind;
  headerRows: number[];
  dataStart: number;
  headers: ImportHeader[];
  meta: ImportSheetMeta | null;
  mapping: ImportColumnMapping[];
  signature: string | null;
  savedMapping: boolean;
  /** The unit of rows without a 责任单位 (the sheet's 填报单位 or its name), and where it came from. */
  unitName: string | null;
  unitSource: SheetUnitSource | null;
  /** Columns merged down over their rows (区县, 类别), filled into every row of the merge. */
  mergedDown: number;
  /** A 汇总 sheet's table (0-based rows), read only to check the unit sheets against it. */
  summary: SummaryLayout | null;
  sample: { row: number; cells: string[] }[];
}

/**
 * The upload's layout: the top level is its first project sheet (the one the mapping screen
 * shows); `sheets` lists every sheet (absent on batches uploaded before workbooks were read whole).
 */
export interface ImportLayout {
  sheet: { sheetName: string | null; encoding: 'utf-8' | 'gb18030' | null; date1904: boolean };
  /** Excel row numbers (1-based). */
  headerRows: number[];
  dataStart: number;
  headers: ImportHeader[];
  meta: ImportSheetMeta;
  mapping: ImportColumnMapping[];
  /** The header's fingerprint: sheets with the same one take the mapping screen's choices. */
  signature?: string;
  /** The proposal reuses a mapping saved at an earlier commit of the same header. */
  savedMapping: boolean;
  sample: { row: number; cells: string[] }[];
  sheets?: ImportSheet[];
}

export interface RowIssue {
  /** Excel row number; 0 for a file-level note. */
  row: number;
  column: string;
  cell: string;
  value: string;
  message: string;
  /** The sheet's name, in a workbook of several sheets. */
  sheet?: string;
  /** The district (区县) of the row, in a roll-up table. */
  district?: string;
}

export type SkippedKind = 'section' | 'total' | 'note' | 'header';
export type RowOutcome = 'new' | 'changed' | 'unchanged' | 'error';

/** What the preview says of each project sheet it read. */
export interface SheetOutcome {
  index: number;
  name: string | null;
  cutOff: string;
  amountUnit: AmountUnit;
  unitName: string | null;
  defaultStage: Stage | null;
  rows: number;
  skipped: number;
}

export interface ImportSummary {
  cutOff: string;
  /** How the entries are known: 基线 (on their dates) or 补录 (now). */
  entries?: 'baseline' | 'late';
  amountUnit: AmountUnit;
  rows: number;
  skipped: number;
  skippedRows: { row: number; kind: SkippedKind; text: string; sheet?: string }[];
  blankRows: number;
  /**
   * reportedTwice: rows of a second unit's sheet naming a project already read (多头报送), counted once;
   * pendingReview: created projects that wait for 报送审核 (the tenant's review switch is on).
   */
  projects: {
    created: number;
    updated: number;
    unchanged: number;
    reportedTwice?: number;
    pendingReview?: number;
  };
  enterprises: { created: number; updated: number };
  fundingRecords: number;
  newUnits: string[];
  unknownStages: string[];
  errorCount: number;
  errors: RowIssue[];
  warningCount: number;
  warnings: RowIssue[];
  items: {
    row: number;
    name: string;
    outcome: RowOutcome;
    changes: string[];
    sheet?: string;
    district?: string;
  }[];
  /** A roll-up table (a city's or province's, by 区县): each district's outcome. */
  districts?: ImportDistrictOutcome[];
  /** The districts the roll-up table names that do not exist yet (created with createUnits). */
  newDistricts?: string[];
  /** 待补证据: rows whose project stands at a stage without the evidence its move needs. */
  evidencePending?: { count: number; items: EvidencePendingItem[] };
  /** Each sheet read (absent on summaries of batches run before workbooks were read whole). */
  sheets?: SheetOutcome[];
}

/** One district of a roll-up table: its rows and what the import does there. */
export interface ImportDistrictOutcome {
  name: string;
  /** The district does not exist yet: created on import (with its 投资促进局) when confirmed. */
  created: boolean;
  rows: number;
  projects: ImportSummary['projects'];
  errorCount: number;
}

/** A row whose project will stand at `stage` without `missing` (evidence items, domain evidence.ts). */
export interface EvidencePendingItem {
  row: number;
  name: string;
  stage: Stage;
  missing: string[];
  message: string;
  sheet?: string;
}

export interface ImportProgress {
  phase: 'preview' | 'commit';
  rows: number;
  /** Share of the file read, 0…1. */
  fraction: number;
  /** Data rows in the file, once a preview has counted them. */
  totalRows: number | null;
  startedAt: string;
}

export interface ImportBatch {
  id: string;
  tenantId: string;
  filename: string;
  format: ImportFormat;
  sizeBytes: number;
  sha256: string;
  status: ImportStatus;
  createdAt: string;
  createdBy: string;
  committedAt: string | null;
  committedBy: string | null;
  layout: ImportLayout;
  options: Partial<ImportOptions>;
  summary: ImportSummary | null;
  duplicateOf: {
    id: string;
    filename: string;
    committedAt: string | null;
    committedBy: string | null;
  } | null;
  progress: ImportProgress | null;
}

export interface ImportListItem {
  id: string;
  tenantId: string;
  filename: string;
  format: ImportFormat;
  sizeBytes: number;
  status: ImportStatus;
  createdAt: string;
  createdBy: string;
  committedAt: string | null;
  rows: number | null;
  errorCount: number | null;
  projects: ImportSummary['projects'] | null;
}

/** Stage labels as the office writes them (在谈 …) → stages, sent with a preview or commit. */
export type StageLabelChoice = Record<string, Stage>;

const importPath = (id: string) => `/api/imports/${encodeURIComponent(id)}`;

export function listImports(): Promise<{ items: ImportListItem[] }> {
  return api.get<{ items: ImportListItem[] }>('/api/imports');
}

export function getImport(id: string): Promise<ImportBatch> {
  return api.get<ImportBatch>(importPath(id));
}

export function uploadImport(file: File): Promise<ImportBatch> {
  return api.upload<ImportBatch>('/api/imports', file);
}

export function getImportProgress(id: string): Promise<{ progress: ImportProgress | null }> {
  return api.get<{ progress: ImportProgress | null }>(`${importPath(id)}/progress`);
}

/** A dry run; progress arrives on the answer's stream (NDJSON) while the server works. */
export function previewImport(
  id: string,
  options: ImportOptions,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportBatch> {
  return postStream<ImportBatch, ImportProgress>(`${importPath(id)}/preview`, options, onProgress);
}

/**
 * All rows or none. Progress comes on the answer's own stream: on the embedded engine the
 * commit's transaction holds the one connection, so a separate poll would wait for it.
 */
export function commitImport(
  id: string,
  options: ImportOptions,
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<ImportBatch> {
  return postStream<ImportBatch, ImportProgress>(`${importPath(id)}/commit`, options, onProgress);
}

/** The last preview's errors and warnings as .xlsx; a plain link works (the session cookie goes along). */
export const importErrorReportUrl = (id: string) => `${importPath(id)}/errors.xlsx`;
