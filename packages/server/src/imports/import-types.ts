/** The import's shapes: its summary, the run's settings, its two failures. */
import type { AmountUnit } from '@landfall/domain/money';
import type { Stage } from '@landfall/domain/stages';
import type { ColumnMapping, MergeRange, SummaryLayout } from '@landfall/domain/import/index';
import type { SheetRow } from './sheet-reader.ts';
import type { RowIssue } from './import-rows.ts';
import type { PlaceResolver } from './places.ts';

export const CHUNK_ROWS = 250;
export const MAX_ISSUES = 5000;
export const MAX_ITEMS = 1000;

export type Outcome = 'new' | 'changed' | 'unchanged' | 'error';

export interface SkippedRow {
  row: number;
  sheet?: string;
  kind: 'section' | 'total' | 'note' | 'header';
  text: string;
}

export interface ImportSummary {
  cutOff: string;
  /** How the entries are known: 基线 (on their dates) or 补录 (now) — chosen, or the default. */
  entries?: 'baseline' | 'late';
  amountUnit: AmountUnit;
  rows: number;
  skipped: number;
  skippedRows: SkippedRow[];
  blankRows: number;
  /** reportedTwice: rows of a second unit's sheet naming a project already read (多头报送), counted once. */
  projects: {
    created: number;
    updated: number;
    unchanged: number;
    reportedTwice?: number;
    /** 报送审核 on: created projects that wait for the coordination group's approval. */
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
    outcome: Outcome;
    changes: string[];
    sheet?: string;
    district?: string;
  }[];
  /** A roll-up table (a city's, by 区县): each district's outcome, and the districts to create. */
  districts?: {
    name: string;
    created: boolean;
    rows: number;
    projects: ImportSummary['projects'];
    errorCount: number;
  }[];
  newDistricts?: string[];
  /**
   * 待补证据: rows whose project stands at a stage without the evidence its move needs (imported, and
   * marked on the project until recorded); absent when none.
   */
  evidencePending?: {
    count: number;
    items: { row: number; name: string; stage: Stage; missing: string[]; message: string; sheet?: string }[];
  };
  /** Each sheet read (absent on summaries of batches run before workbooks were read whole). */
  sheets?: SheetOutcome[];
}

export interface RunSettings {
  tenantId: string;
  tenantDivision: string;
  stageLabels: Record<string, Stage>;
  createUnits: boolean;
  defaultUnitId: string | null;
  importId: string;
  commit: boolean;
  places: PlaceResolver;
  /** 元 per 美元 for USD amounts (the import option usdRate), if given. */
  usdRate?: string | null;
  /** 基线: the run's entries are baseline (known on their effective dates), else 补录 (known now). */
  baseline: boolean;
  /** Called now and then with the rows done and the fraction of the file read. */
  onProgress?: (rows: number) => void;
}

/** One project sheet of the run: its rows and what was confirmed for it. */
export interface SheetRun {
  index: number;
  name: string | null;
  rows: AsyncIterable<SheetRow>;
  merges: readonly MergeRange[];
  mapping: ColumnMapping[];
  dataStart: number;
  amountUnit: AmountUnit;
  cutOff: string;
  cutOffNote: string;
  date1904: boolean;
  /** The unit of rows without a 责任单位 (the sheet's 填报单位 or name). */
  unitName: string | null;
  /** The stage of rows that give none (the table's kind in its title: 新签约项目一览表 → signed). */
  defaultStage: Stage | null;
}

/** A summary sheet (汇总) of the workbook, read to check the unit sheets against it. */
export interface SummaryRun {
  name: string;
  layout: SummaryLayout;
  amountUnit: AmountUnit;
  rows: AsyncIterable<SheetRow>;
}

/** What the preview says of each sheet. */
export interface SheetOutcome {
  index: number;
  name: string | null;
  cutOff: string;
  cutOffNote: string;
  amountUnit: AmountUnit;
  unitName: string | null;
  defaultStage: Stage | null;
  rows: number;
  skipped: number;
}

export class ImportHasErrors extends Error {
  constructor(readonly summary: ImportSummary) {
    super('import has errors');
  }
}

export class ImportConflict extends Error {
  constructor(readonly projectName: string) {
    super(`project ${projectName} changed during the import`);
  }
}

/** The Chinese names of what an update changes, for the preview. */
export const changeLabels: Record<string, string> = {
  unit_id: '责任单位',
  industry_code: '所属行业',
  capital_kind: '内外资',
  project_kind: '项目性质',
  construction_content: '建设内容',
  agreed_investment_fen: '协议投资额',
  fixed_asset_fen: '固定资产投资',
  signed_on: '签约时间',
  agreement_kind: '签约类型',
  registered_on: '注册时间',
  local_credit_code: '项目公司统一社会信用代码',
  planned_start_on: '计划开工时间',
  actual_start_on: '开工时间',
  planned_production_on: '计划投产时间',
  production_on: '投产时间',
  land_mu: '用地面积',
  leader_in_charge: '联系领导',
  contact_name: '联系人',
  contact_phone: '联系电话',
  origin_division_code: '投资方所在地',
  investor: '投资方',
  stage: '项目阶段',
  progress: '目前进展',
  funds: '到位资金',
};

/** 万元 text of fen, for messages. */
export function fenText(fen: number | string | bigint) {
  return `${Number(fen) / 1_000_000}万元`;
}

/** A summary with nothing counted yet, at a cut-off and amount unit. */
export function emptySummary(start: { cutOff: string; amountUnit: AmountUnit } | null): ImportSummary {
  return {
    cutOff: start?.cutOff ?? '',
    amountUnit: start?.amountUnit ?? 'wan',
    rows: 0,
    skipped: 0,
    skippedRows: [],
    blankRows: 0,
    projects: { created: 0, updated: 0, unchanged: 0 },
    enterprises: { created: 0, updated: 0 },
    fundingRecords: 0,
    newUnits: [],
    unknownStages: [],
    errorCount: 0,
    errors: [],
    warningCount: 0,
    warnings: [],
    items: [],
    sheets: [],
  };
}
