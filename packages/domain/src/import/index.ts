/** The spreadsheet import's parsing, pure: `@landfall/domain/import/index` (not in the main index). */
export * from './cells.ts';
export * from './amounts.ts';
export * from './sheet-dates.ts';
export * from './stage-labels.ts';
export * from './fields.ts';
export * from './layout.ts';
export * from './summary-sheet.ts';
export * from './funds-breakdown.ts';
