import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landfall } from '../test/cli-process.ts';
import { writeImportFiles } from '../test/import-cli-files.ts';

/**
 * `landfall import` with the choices the web wizard takes (--sheet, --unit, --stage,
 * --stage-label, --mapping, --amount-unit, --usd-rate) and what --dry-run says of the layout,
 * as real processes on a data folder, over real .xlsx files (test/import-cli-files.ts).
 */
let dir: string;
let dataDir: string;
const run = (args: string[]) => landfall(dataDir, args);
const file = (name: string) => join(dir, name);
const json = (stdout: string) => JSON.parse(stdout) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const skip = !!process.env.TEST_DATABASE_URL;

beforeAll(async () => {
  if (skip) return;
  dir = await mkdtemp(join(tmpdir(), 'landfall-import-options-'));
  dataDir = join(dir, 'data');
  await writeImportFiles(dir);
  const setup = await landfall(
    dataDir,
    ['setup', '--tenant', '万州区', '--division', '500101', '--admin', 'admin', '--password-stdin'],
    { stdin: 'Cli#Passw0rd1\n' },
  );
  if (setup.code !== 0) throw new Error(setup.stderr);
  // The tenant's units (经信委, 商务局), from a first import of two projects in production.
  const units = await landfall(dataDir, ['import', file('units.xlsx'), '--create-units']);
  if (units.code !== 0) throw new Error(units.stderr);
}, 90_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(skip)('landfall import: the choices of the web wizard', () => {
  it('--help lists every option, in Chinese and English', async () => {
    const help = await run(['import', '--help']);
    expect(help.code).toBe(0);
    for (const option of [
      '--dry-run',
      '--create-units',
      '--cut-off',
      '--amount-unit',
      '--sheet',
      '--unit',
      '--stage ',
      '--stage-label',
      '--mapping',
      '--usd-rate',
      '--tenant',
      '--json',
    ])
      expect(help.stdout).toContain(option);
    const flat = help.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('未写阶段的行的阶段');
    expect(flat).toContain('the stage of rows that give none');
    expect(flat).toContain('all = every project sheet, hidden ones too');
  });

  it(
    '--dry-run --json shows every sheet: kind, header rows, cut-off and its source, unit and where from, stage, header → field',
    { timeout: 60_000 },
    async () => {
      const dry = await run(['import', file('book.xlsx'), '--dry-run', '--json', '--create-units']);
      expect(dry.code, dry.stderr).toBe(0);
      const out = json(dry.stdout);
      expect(out).toMatchObject({ committed: false, rows: 3, projects: { created: 3 } });
      const [first, second, hidden, notes] = out.layout.sheets;
      expect(first).toMatchObject({
        position: 1,
        name: '经信委',
        kind: 'projects',
        hidden: false,
        included: true,
        headerRows: [3],
        dataStart: 4,
        title: '2017年招商引资项目推进台账',
        cutOff: '2017-09-30',
        cutOffFrom: 'sheet',
        cutOffSource: { kind: 'cut_off_key', text: '截止时间：2017年9月30日', inTitle: false },
        cutOffText: '截止时间 2017-09-30（来自表格上方的“截止时间：2017年9月30日”）',
        amountUnit: 'wan',
        amountUnitFrom: 'sheet',
        unit: { name: '经信委', from: 'sheet_name' },
        defaultStage: { stage: null, from: null },
        rows: 2,
      });
      expect(first.mapping).toEqual({
        序号: 'seq',
        项目名称: 'name',
        投资方: 'investorName',
        统一社会信用代码: 'investorCreditCode',
        '协议投资额（万元）': 'agreedInvestment',
        项目阶段: 'stage',
      });
      expect(second).toMatchObject({
        name: '商务局',
        included: true,
        cutOff: '2017-09-30',
        cutOffSource: { kind: 'period', text: '2017年1-9月', inTitle: true },
        cutOffText: '截止时间 2017-09-30（来自标题中的统计期间“2017年1-9月”）',
        unit: { name: '商务局', from: 'sheet_name' },
        rows: 1,
      });
      // A hidden sheet is left out by default; with no cut-off of its own it takes the workbook's.
      expect(hidden).toMatchObject({ name: '旧表', hidden: true, included: false, cutOffFrom: 'workbook' });
      expect(notes).toMatchObject({ name: '说明', kind: 'other', included: false });
      expect(out.items.map((i: { name: string }) => i.name)).toEqual([
        '多表项目甲',
        '多表项目乙',
        '多表项目丙',
      ]);
    },
  );

  it(
    '--sheet takes sheets by name or 1-based position, all takes hidden ones too; one that is missing or holds no projects is refused',
    { timeout: 60_000 },
    async () => {
      const names = async (...args: string[]) => {
        const r = await run(['import', file('book.xlsx'), '--dry-run', '--json', '--create-units', ...args]);
        expect(r.code, r.stderr).toBe(0);
        const out = json(r.stdout);
        return { items: out.items.map((i: { name: string }) => i.name), layout: out.layout };
      };
      const byName = await names('--sheet', '商务局');
      expect(byName.items).toEqual(['多表项目丙']);
      expect(byName.layout.sheets.map((s: { included: boolean }) => s.included)).toEqual([
        false,
        true,
        false,
        false,
      ]);
      expect((await names('--sheet', '1')).items).toEqual(['多表项目甲', '多表项目乙']);
      // The hidden 旧表's name names no unit (an old copy): its rows take the --unit given.
      expect((await names('--sheet', '3', '--sheet', '2', '--unit', '经信委')).items).toEqual([
        '多表项目丙',
        '多表项目丁',
      ]);
      expect((await names('--sheet', 'all', '--unit', '经信委')).items).toEqual([
        '多表项目甲',
        '多表项目乙',
        '多表项目丙',
        '多表项目丁',
      ]);

      const missing = await run(['import', file('book.xlsx'), '--dry-run', '--sheet', '招商局']);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(
        '文件中没有工作表「招商局」，现有：1「经信委」 项目表、2「商务局」 项目表、3「旧表」 项目表（隐藏）',
      );
      const notes = await run(['import', file('book.xlsx'), '--dry-run', '--sheet', '4']);
      expect(notes.code).toBe(1);
      expect(notes.stderr).toContain('工作表4「说明」是非项目表，没有可导入的项目行');
    },
  );

  it(
    '--stage gives rows without a stage their stage; --stage-label reads the office’s own words; bad ones are refused',
    { timeout: 90_000 },
    async () => {
      const without = await run(['import', file('no-stage.xlsx'), '--dry-run', '--json', '--create-units']);
      expect(without.code).toBe(1);
      expect(json(without.stdout).errors[0].message).toContain('缺少项目阶段');

      const dry = await run([
        'import',
        file('no-stage.xlsx'),
        '--dry-run',
        '--json',
        '--create-units',
        '--stage',
        '在建',
      ]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(json(dry.stdout).layout.sheets[0].defaultStage).toEqual({
        stage: 'construction',
        from: 'option',
      });
      const done = await run(['import', file('no-stage.xlsx'), '--stage', 'construction']);
      expect(done.code, done.stderr).toBe(0);
      const stats = json((await run(['stats', '--json'])).stdout);
      expect(stats.byStage).toMatchObject({ construction: 2, signed: 0, production: 2 });

      const unknown = await run(['import', file('own-labels.xlsx'), '--dry-run', '--json']);
      expect(unknown.code).toBe(1);
      expect(json(unknown.stdout).errors[0].message).toContain('无法识别的项目阶段「推进中」');
      const labelled = await run(['import', file('own-labels.xlsx'), '--stage-label', '推进中=开工']);
      expect(labelled.code, labelled.stderr).toBe(0);
      const after = json((await run(['stats', '--json'])).stdout);
      expect(after.byStage).toMatchObject({ construction: 3, signed: 1 });

      const badStage = await run(['import', file('no-stage.xlsx'), '--dry-run', '--stage', '快好了']);
      expect(badStage.code).toBe(1);
      expect(badStage.stderr).toContain(
        '--stage「快好了」不是项目阶段，可用：策划储备=planning、在谈=negotiating',
      );
      const badLabel = await run(['import', file('own-labels.xlsx'), '--dry-run', '--stage-label', '推进中']);
      expect(badLabel.code).toBe(1);
      expect(badLabel.stderr).toContain('--stage-label 应写成“表中写法=阶段”');
    },
  );

  it(
    '--mapping maps a column the matcher does not read (by header, by letter, or the web’s array); bad fields and headers are refused',
    { timeout: 90_000 },
    async () => {
      const unmapped = await run(['import', file('odd-header.xlsx'), '--dry-run', '--json']);
      expect(unmapped.code).toBe(1);
      expect(json(unmapped.stdout).errors[0].message).toContain('缺少项目阶段');

      const mapFile = async (name: string, content: unknown) => {
        await writeFile(file(name), typeof content === 'string' ? content : JSON.stringify(content));
        return file(name);
      };
      for (const mapping of [
        { 推进状态: 'stage' },
        { f: 'stage' },
        [{ column: 5, field: 'stage', unit: null }],
        [{ column: 'F', field: 'stage' }],
      ]) {
        const m = await mapFile('mapping.json', mapping);
        const dry = await run(['import', file('odd-header.xlsx'), '--dry-run', '--json', '--mapping', m]);
        expect(dry.code, dry.stderr).toBe(0);
        const out = json(dry.stdout);
        expect(out.errors).toEqual([]);
        expect(out.layout.sheets[0].mapping).toMatchObject({ 项目名称: 'name', 推进状态: 'stage' });
      }
      // A field given to a column is taken from the column the proposal gave it to (the server
      // refuses a field twice); null ignores a column.
      const moved = await mapFile('moved.json', {
        推进状态: 'stage',
        投资方: 'name',
        统一社会信用代码: null,
      });
      const dryMoved = await run([
        'import',
        file('odd-header.xlsx'),
        '--dry-run',
        '--json',
        '--mapping',
        moved,
      ]);
      expect(dryMoved.code, dryMoved.stderr).toBe(0);
      const movedOut = json(dryMoved.stdout);
      expect(movedOut.items.map((i: { name: string }) => i.name)).toEqual(['标的项目甲有限公司']);
      expect(movedOut.layout.sheets[0].mapping).toMatchObject({
        项目名称: null,
        投资方: 'name',
        统一社会信用代码: null,
      });

      const badField = await run([
        'import',
        file('odd-header.xlsx'),
        '--dry-run',
        '--mapping',
        await mapFile('bad-field.json', { 推进状态: 'projectStage' }),
      ]);
      expect(badField.code).toBe(1);
      expect(badField.stderr).toContain('映射文件中「推进状态」的字段“projectStage”无效，可用字段');
      expect(badField.stderr).toContain('stage（项目阶段）');
      const badHeader = await run([
        'import',
        file('odd-header.xlsx'),
        '--dry-run',
        '--mapping',
        await mapFile('bad-header.json', { 工程状态: 'stage' }),
      ]);
      expect(badHeader.code).toBe(1);
      expect(badHeader.stderr).toContain('映射文件中的「工程状态」不是表头或列字母，本表表头为');
      expect(badHeader.stderr).toContain('F 推进状态');
      const notJson = await run([
        'import',
        file('odd-header.xlsx'),
        '--dry-run',
        '--mapping',
        await mapFile('not.json', '{推进状态: stage'),
      ]);
      expect(notJson.code).toBe(1);
      expect(notJson.stderr).toContain('不是有效的 JSON');
    },
  );

  it(
    '--unit puts rows without a unit under an existing unit; an unknown one is refused naming those there are',
    { timeout: 60_000 },
    async () => {
      const without = await run(['import', file('no-unit.xlsx'), '--dry-run', '--json']);
      expect(without.code).toBe(1);
      expect(json(without.stdout).errors[0].message).toContain('缺少责任单位');
      const dry = await run(['import', file('no-unit.xlsx'), '--dry-run', '--json', '--unit', '商务局']);
      expect(dry.code, dry.stderr).toBe(0);
      const out = json(dry.stdout);
      expect(out.errors).toEqual([]);
      expect(out.layout.defaultUnit.name).toBe('商务局');
      expect(out.layout.sheets[0].unit).toEqual({ name: '商务局', from: 'option' });
      const unknown = await run([
        'import',
        file('no-unit.xlsx'),
        '--dry-run',
        '--unit',
        '招商局',
        '--create-units',
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/责任单位「招商局」不存在，现有：(经信委、商务局|商务局、经信委)/);
    },
  );

  it(
    '--amount-unit and --usd-rate are checked; --cut-off and --amount-unit show in the layout; without --json the layout is Chinese text',
    { timeout: 60_000 },
    async () => {
      const badUnit = await run(['import', file('no-unit.xlsx'), '--dry-run', '--amount-unit', '千元']);
      expect(badUnit.code).toBe(1);
      expect(badUnit.stderr).toContain('--amount-unit 应为 元、万元 或 亿元');
      for (const rate of ['-7', '七点一', '0']) {
        const bad = await run(['import', file('no-unit.xlsx'), '--dry-run', '--usd-rate', rate]);
        expect(bad.code).toBe(1);
        expect(bad.stderr).toContain('--usd-rate 应为正数');
      }
      const dry = await run([
        'import',
        file('no-unit.xlsx'),
        '--dry-run',
        '--json',
        '--unit',
        '商务局',
        '--cut-off',
        '2017-08-31',
        '--amount-unit',
        '元',
        '--usd-rate',
        '7.1',
      ]);
      expect(dry.code, dry.stderr).toBe(0);
      const out = json(dry.stdout);
      expect(out.cutOff).toBe('2017-08-31');
      expect(out.layout.usdRate).toBe('7.1');
      expect(out.layout.sheets[0]).toMatchObject({
        cutOff: '2017-08-31',
        cutOffFrom: 'option',
        cutOffText: '截止时间 2017-08-31（按 --cut-off 指定）',
        amountUnit: 'yuan',
        amountUnitFrom: 'option',
      });

      const text = await run(['import', file('book.xlsx'), '--dry-run', '--create-units', '--stage', '签约']);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain('工作表 1「经信委」 项目表，导入');
      expect(text.stdout).toContain('工作表 3「旧表」 项目表，隐藏，不导入');
      expect(text.stdout).toContain('截止时间 2017-09-30（来自标题中的统计期间“2017年1-9月”）');
      expect(text.stdout).toContain('责任单位：「经信委」（工作表名称）');
      expect(text.stdout).toContain('未写阶段的行：签约 signed（--stage 指定）');
      expect(text.stdout).toContain('B 项目名称 → 项目名称 name');
      expect(text.stdout).toContain('检查通过，未写入');
    },
  );

  it(
    '--usd-rate converts 万美元 at the rate given, exact to the fen; without it the USD cells are errors',
    { timeout: 60_000 },
    async () => {
      const without = await run(['import', file('usd.xlsx'), '--json']);
      expect(without.code).toBe(1);
      const refused = json(without.stdout);
      expect(refused.errors.map((e: { cell: string; message: string }) => [e.cell, e.message])).toEqual([
        ['E4', '金额为美元，请在导入设置中填写美元汇率'],
        ['E5', '金额为美元，请在导入设置中填写美元汇率'],
      ]);
      const agreed = async () =>
        json((await run(['stats', '--json', '--as-of', '2017-09-30'])).stdout).agreedInvestmentWan as number;
      const before = await agreed();
      const done = await run(['import', file('usd.xlsx'), '--json', '--usd-rate', '7.1']);
      expect(done.code, done.stderr).toBe(0);
      // (1000 + 250.5) 万美元 × 7.1 = 8878.55 万元, exactly.
      expect(Math.round((await agreed()) * 100) - Math.round(before * 100)).toBe(887855);
    },
  );
});
