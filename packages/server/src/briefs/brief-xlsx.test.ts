import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject, recordFunds, signProject } from '../test/library-fixtures.ts';

/** The brief's .xlsx neutralises text as every other export does (CWE-1236; issue 12, item 17). */
let world: TestWorld;
let coordinator: TestClient;
const hostile = '=HYPERLINK("http://x.example/","点此查看")';

beforeAll(async () => {
  world = await createWorld('2026-03-02T09:00:00+08:00');
  const unit = await buildUnit(world.admin, { name: '@区商务委' });
  coordinator = (await buildUser(world, 'coordinator')).client;
  const project = await buildProject(coordinator, { name: hostile, unitId: unit.id });
  await signProject(coordinator, project, {
    negotiatingOn: '2026-03-02',
    signedOn: '2026-03-02',
    agreedInvestmentFen: 10_000_000_000,
  });
  await recordFunds(coordinator, project.id, '2026-03-02', 500_000_000);
});
afterAll(async () => world?.close());

describe('the brief as .xlsx', () => {
  it('keeps a name typed as a formula as text, with an apostrophe in front', async () => {
    const json = (await coordinator.get('/api/briefs?kind=weekly&date=2026-03-02')).json();
    const lines: { text: string }[] = json.sections.flatMap((s: { lines: { text: string }[] }) => s.lines);
    const named = lines.filter((l) => l.text.startsWith(hostile));
    expect(named.length).toBeGreaterThan(0);

    const res = await coordinator.get('/api/briefs?kind=weekly&date=2026-03-02&format=xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.CellValue[] = [];
    workbook.getWorksheet('简报')?.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    const texts = cells.filter((v): v is string => typeof v === 'string');
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    expect(texts.filter((t) => /^[=+\-@]/.test(t))).toEqual([]);
    for (const line of named) expect(texts).toContain(`'${line.text}`);
  });
});
