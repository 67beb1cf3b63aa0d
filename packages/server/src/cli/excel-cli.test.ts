import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { creditCode, officeLedger, toXlsx, type OfficeRow } from '../test/ledger-files.ts';
import { landfall, serveFolder } from '../test/cli-process.ts';

/** `landfall import` and `landfall export` as real processes: on the folder, then through a running server. */
let dir: string;
let dataDir: string;
let server: ChildProcess | undefined;
const run = (args: string[], stdin = '') => landfall(dataDir, args, { stdin });

const rows = (bad: boolean): OfficeRow[] => [
  {
    name: '命令行导入项目甲',
    investor: '甲投资有限公司',
    code: creditCode(901),
    place: '广东省深圳市',
    unit: '经信委',
    agreed: 20000,
    fixed: 10000,
    month: 100,
    cumulative: 300,
    signed: '2017年3月15日',
  },
  {
    name: '命令行导入项目乙',
    investor: '乙投资有限公司',
    code: bad ? '9144030000000000XX' : creditCode(902),
    unit: '商务局',
    agreed: bad ? '一亿' : 5000,
  },
];
const ledger = (bad: boolean) =>
  toXlsx(officeLedger({ sections: [{ title: '一、已签约项目', rows: rows(bad) }] }));

const skip = !!process.env.TEST_DATABASE_URL;

beforeAll(async () => {
  if (skip) return;
  dir = await mkdtemp(join(tmpdir(), 'landfall-excel-cli-'));
  dataDir = join(dir, 'data');
  await writeFile(join(dir, 'bad.xlsx'), await ledger(true));
  await writeFile(join(dir, 'good.xlsx'), await ledger(false));
  const setup = await run(
    ['setup', '--tenant', '万州区', '--division', '500101', '--admin', 'admin', '--password-stdin'],
    'Cli#Passw0rd1\n',
  );
  if (setup.code !== 0) throw new Error(setup.stderr);
}, 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('landfall import / export', () => {
  it(
    'on the folder: errors stop it (exit 1, nothing written), a good file commits (exit 0)',
    { timeout: 120_000 },
    async () => {
      const dry = await run(['import', join(dir, 'bad.xlsx'), '--dry-run', '--json', '--create-units']);
      expect(dry.code, dry.stderr).toBe(1);
      const report = JSON.parse(dry.stdout);
      expect(report).toMatchObject({
        rows: 2,
        skipped: 3,
        projects: { created: 1, updated: 0, unchanged: 0 },
      });
      expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
        [7, '投资方/统一社会信用代码'],
        [7, '协议投资额（万元）'],
      ]);
      expect(report.errors[1]).toEqual({
        row: 7,
        cell: 'G7',
        column: '协议投资额（万元）',
        value: '一亿',
        message: '金额不是数字',
      });

      const refused = await run(['import', join(dir, 'bad.xlsx'), '--json', '--create-units']);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout).committed).toBe(false);
      const stats0 = JSON.parse((await run(['stats', '--json', '--as-of', '2017-09-30'])).stdout);
      expect(stats0.projects).toBe(0);

      const withoutUnits = await run(['import', join(dir, 'good.xlsx'), '--json']);
      expect(withoutUnits.code).toBe(1);
      expect(JSON.parse(withoutUnits.stdout).newUnits.sort()).toEqual(['商务局', '经信委'].sort());

      const both = await run(['import', join(dir, 'good.xlsx'), '--baseline', '--late']);
      expect(both.code).not.toBe(0);
      expect(both.stderr).toMatch(/--baseline.*--late|--late.*--baseline/);

      // 补录, chosen over the first import's default (基线): known now, not on 30 September 2017.
      const good = await run(['import', join(dir, 'good.xlsx'), '--json', '--create-units', '--late']);
      expect(good.code, good.stderr).toBe(0);
      expect(JSON.parse(good.stdout).entries).toBe('late');
      expect(JSON.parse(good.stdout)).toMatchObject({
        committed: true,
        rows: 2,
        skipped: 3,
        projects: { created: 2, updated: 0, unchanged: 0 },
        fundingRecords: 2,
        errors: [],
      });
      expect(good.stderr).toMatch(/导入中 \/ commit: \d+ 行 rows/);
      const stats = JSON.parse((await run(['stats', '--json', '--as-of', '2017-09-30'])).stdout);
      expect(stats).toMatchObject({ projects: 2, fundsInPlaceWan: 300, agreedInvestmentWan: 25000 });
      const known = ['stats', '--json', '--as-of', '2017-09-30', '--known-on', '2017-10-01'];
      expect(JSON.parse((await run(known)).stdout)).toMatchObject({ projects: 0, knownOn: '2017-10-01' });

      const out = join(dir, 'ledger.xlsx');
      const exported = await run(['export', 'ledger', '--out', out, '--as-of', '2017-09-30']);
      expect(exported.code, exported.stderr).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      expect(String(book.worksheets[0]!.getCell('A2').value)).toContain('2017年9月30日');
    },
  );

  it(
    'through a running server: the same file is recognised and refused; export monthly',
    { timeout: 120_000 },
    async () => {
      const served = serveFolder(dataDir);
      server = served.server;
      await served.url;
      const again = await run(['import', join(dir, 'good.xlsx'), '--json', '--create-units']);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('不再重复导入');
      const dry = await run(['import', join(dir, 'bad.xlsx'), '--dry-run', '--json']);
      expect(dry.code).toBe(1);
      expect(JSON.parse(dry.stdout).errors).toHaveLength(2);
      const out = join(dir, 'monthly.xlsx');
      const monthly = await run(['export', 'monthly', '--month', '2017-09', '--out', out]);
      expect(monthly.code, monthly.stderr).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      expect(String(book.worksheets[0]!.getCell('A1').value)).toContain('2017年9月');
    },
  );
});
