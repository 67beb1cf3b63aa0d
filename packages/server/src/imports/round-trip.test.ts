import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildApp } from '../app.ts';
import { fakeClock } from '../clock.ts';
import { createTestDatabase } from '../test/database.ts';
import { TestClient } from '../test/client.ts';
import { buildSetup, buildUser, nextIp, PASSWORD } from '../test/fixtures.ts';
import type { Database } from '../db/database.ts';

/**
 * Round trip: the demo district's ledger exported as .xlsx and imported into an empty
 * install gives the same `stats` figures, as of the export's date. The target is not in a
 * ledger: the same total is set in the new install, and its figures must match too — all
 * but the forecast, which learns from last year's month-by-month history that a snapshot
 * does not carry.
 */
const NOW = '2026-11-20T10:00:00+08:00';
const TODAY = '2026-11-20';
const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

async function install(): Promise<{
  database: Database;
  client: TestClient;
  app: Awaited<ReturnType<typeof buildApp>>;
}> {
  const database = await createTestDatabase();
  const app = await buildApp({
    database,
    clock: fakeClock(NOW),
    operatorToken: 'round-trip-operator-token-0123456789',
    logger: process.env.DEBUG_LOG ? { level: 'error' } : false,
  });
  closers.push(async () => {
    await app.close();
    await database.close();
  });
  return { database, app, client: new TestClient(app, nextIp()) };
}

describe('export the demo ledger, import it into an empty install', () => {
  it(
    'gives equal stats figures, no warning, and every field the ledger carries equal',
    { timeout: 180_000 },
    async () => {
      const demo = await install();
      const loaded = await demo.client.post('/api/setup/demo', { password: PASSWORD });
      expect(loaded.statusCode, loaded.body).toBeLessThan(300);
      const coordinatorA = new TestClient(demo.app, nextIp());
      await coordinatorA.login('coordinator', PASSWORD);
      const exported = await coordinatorA.get('/api/exports/ledger.xlsx');
      expect(exported.statusCode, exported.body).toBe(200);
      const statsA = (await coordinatorA.get(`/api/stats?asOf=${TODAY}`)).json();
      expect(statsA.projects).toBe(60);

      // The file itself: title, the meta line, merged two-row header, numeric money, 合计 with a formula.
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(String(sheet.getCell('A1').value)).toContain('招商引资项目推进台账');
      expect(String(sheet.getCell('A2').value)).toContain('截止时间：2026年11月20日');
      expect(sheet.getCell('C3').value).toBe('投资方');
      expect(sheet.getCell('C4').value).toBe('名称');
      let totalRow = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === '合计') totalRow = n;
      });
      const total = sheet.getCell(`O${totalRow}`).value as { formula: string; result: number };
      expect(total.formula).toMatch(/^SUM\(/);
      expect(total.result).toBe(statsA.fundsInPlaceWan);

      const empty = await install();
      expect((await empty.client.post('/api/setup', buildSetup())).statusCode).toBe(201);
      await empty.client.login('admin', PASSWORD);
      const world = { app: empty.app, admin: empty.client };
      const coordinatorB = (await buildUser(world, 'coordinator')).client;
      const up = await coordinatorB.upload('/api/imports', 'demo-ledger.xlsx', exported.rawPayload);
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json().layout.meta.cutOff).toBe(TODAY);
      const commit = await coordinatorB.post(`/api/imports/${up.json().id}/commit`, { createUnits: true });
      expect(commit.statusCode, commit.body.slice(0, 2000)).toBe(200);
      expect(commit.json().summary.projects.created).toBe(60);
      // Landfall's own ledger imports as it stands: no warning, and every field it carries equal.
      expect(commit.json().summary.warnings).toEqual([]);
      const a = await projectFields(coordinatorA);
      const b = await projectFields(coordinatorB);
      expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
      for (const [name, fields] of a)
        expect({ name, projects: b.get(name) }).toEqual({ name, projects: fields });

      // The same funds target in the new install (the breakdown is not in a ledger).
      const planA = (await coordinatorA.get(`/api/targets?year=2026`)).json();
      const fundsPlan = (planA.items ?? planA).find(
        (p: { metric: string; basis: string }) => p.metric === 'funds_in_place' && p.basis === 'all',
      );
      const created = await coordinatorB.post('/api/targets', {
        year: 2026,
        metric: 'funds_in_place',
        total: fundsPlan.total,
      });
      expect(created.statusCode, created.body).toBe(201);
      const unit = (await coordinatorB.get('/api/units')).json();
      const unitId = (unit.items ?? unit)[0].id;
      const draft = await coordinatorB.put(`/api/targets/${created.json().id}/draft`, {
        total: fundsPlan.total,
        groups: [],
        units: [{ unitId, groupId: null, amount: fundsPlan.total }],
        version: created.json().version,
      });
      expect(draft.statusCode, draft.body).toBe(200);
      const fin = await coordinatorB.post(`/api/targets/${created.json().id}/finalize`, {
        version: draft.json().version,
        effectiveFrom: '2026-01-01',
      });
      expect(fin.statusCode, fin.body).toBe(200);

      const statsB = (await coordinatorB.get(`/api/stats?asOf=${TODAY}`)).json();
      const { target: targetA, fundsBySource: sourcesA, ...restA } = statsA;
      const { target: targetB, fundsBySource: sourcesB, ...restB } = statsB;
      // The ledger carries 内资/外资 per project, not per funding record: the 外资 口径 of funds does not
      // survive (a 内资 project's funds from abroad are 外资 in the ledger), every other figure does.
      const { foreign: foreignA, ...basesA } = restA.indicators.fundsByBasis;
      const { foreign: foreignB, ...basesB } = restB.indicators.fundsByBasis;
      restA.indicators.fundsByBasis = basesA;
      restB.indicators.fundsByBasis = basesB;
      expect(restB).toEqual(restA);
      expect(foreignA.yearToDateWan).toBeGreaterThan(0);
      expect(foreignB.yearToDateWan).toBeGreaterThan(0);
      // The ledger has no source columns: inside the city (the investor's place) survives, 省外 vs 境外 does not.
      expect(sourcesB.inside_city).toBe(sourcesA.inside_city);
      expect(sourcesB.inside_city).toBeGreaterThan(0);
      const { forecastWan: _fa, ...figuresA } = targetA;
      const { forecastWan: _fb, ...figuresB } = targetB;
      expect(figuresB).toEqual(figuresA);
    },
  );
});

/** What the ledger export carries of each project, by name (namesakes sorted), as the API reads it back. */
async function projectFields(client: TestClient) {
  const units = (await client.get('/api/units')).json();
  const unitName = new Map(
    ((units.items ?? units) as { id: string; name: string }[]).map((u) => [u.id, u.name]),
  );
  const list = (await client.get('/api/projects?pageSize=200')).json().items as {
    id: string;
    name: string;
  }[];
  const out = new Map<string, Record<string, unknown>[]>();
  for (const item of list) {
    const detail = (await client.get(`/api/projects/${item.id}`)).json();
    const p = detail.project ?? detail;
    const entries = (detail.entries ?? []) as {
      kind: string;
      effectiveOn: string;
      payload: Record<string, unknown>;
    }[];
    const progress = entries.filter((e) => e.kind === 'progress').at(-1)?.payload ?? {};
    const investors = ((detail.investors ?? []) as { name: string; creditCode: string | null }[]).map(
      (i) => `${i.name}|${i.creditCode ?? ''}`,
    );
    const fields = {
      unit: unitName.get(p.unitId),
      stage: p.stage,
      stageBefore: p.stageBefore,
      industryCode: p.industryCode,
      capitalKind: p.capitalKind,
      constructionContent: p.constructionContent,
      agreedInvestmentFen: p.agreedInvestmentFen,
      fixedAssetFen: p.fixedAssetFen,
      fundsInPlaceFen: p.fundsInPlaceFen,
      originDivisionCode: p.originDivisionCode,
      signedOn: p.signedOn,
      actualStartOn: p.actualStartOn,
      productionOn: p.productionOn,
      leaderInCharge: p.leaderInCharge,
      contactName: p.contactName,
      contactPhone: p.contactPhone,
      evidenceMissing: p.evidenceMissing,
      agreementKind: p.agreementKind,
      registeredOn: p.registeredOn,
      localCreditCode: p.localCreditCode,
      projectKind: p.projectKind,
      plannedStartOn: p.plannedStartOn,
      plannedProductionOn: p.plannedProductionOn,
      landMu: p.landMu,
      investors,
      enteredOn: entries.find((e) => e.kind === 'created')?.effectiveOn,
      progress: [progress.current ?? '', progress.problems ?? '', progress.nextSteps ?? ''],
    };
    out.set(
      p.name,
      [...(out.get(p.name) ?? []), fields].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    );
  }
  return out;
}
