import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
// jszip comes with exceljs (its dependency); it opens the .docx the way Word unzips it.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiToday } from '@landfall/domain/dates';
import { buildApp } from '../app.ts';
import { readEnv } from '../env.ts';
import { openRuntime } from '../runtime.ts';
import { TestClient } from '../test/client.ts';
import { activateUser, INITIAL_PASSWORD, PASSWORD } from '../test/fixtures.ts';
import { briefFormatOf } from './brief-command.ts';
import { landfall, serveFolder } from '../test/cli-process.ts';

/** `landfall brief` on a data folder: in-process, then over HTTP to a running server. */
let dataDir: string;
let server: ChildProcess | undefined;
const today = shanghaiToday(new Date());
let expected: { title: string; sections: { heading: string; lines: { text: string }[] }[] };

const run = (args: string[], stdin = '') => landfall(dataDir, args, { stdin });

async function docxParagraphs(file: string) {
  const zip = await JSZip.loadAsync(await readFile(file));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .filter(Boolean);
}

const skip = !!process.env.TEST_DATABASE_URL;

beforeAll(async () => {
  if (skip) return;
  dataDir = await mkdtemp(join(tmpdir(), 'landfall-brief-'));
  const setup = await run(
    ['setup', '--tenant', '万州区', '--division', '500101', '--admin', 'admin', '--password-stdin'],
    `${PASSWORD}\n`,
  );
  expect(setup.code, setup.stderr).toBe(0);
  // Some coordination work, through the API on the same folder (the CLI is not running now).
  const runtime = await openRuntime(readEnv({ ...process.env, DATABASE_URL: '' }, { dataDir }));
  const app = await buildApp({ database: runtime.database });
  try {
    const admin = new TestClient(app);
    await admin.login('admin', PASSWORD);
    const unit = (await admin.post('/api/units', { name: '区经济信息委', kind: 'department' })).json();
    await admin.post('/api/users', {
      username: 'coord',
      displayName: '综合协调组',
      role: 'coordinator',
      password: INITIAL_PASSWORD,
    });
    const coordinator = await activateUser(app, 'coord', INITIAL_PASSWORD, PASSWORD, '10.1.1.1');
    const matter = await coordinator.post('/api/matters', {
      unitId: unit.id,
      title: '标准厂房供电增容',
      blockerKind: 'power',
      deadline: today,
    });
    expect(matter.statusCode, matter.body).toBe(201);
    expected = (await coordinator.get(`/api/briefs?kind=weekly&date=${today}`)).json();
  } finally {
    await app.close();
    await runtime.close();
  }
}, 120_000);

afterAll(async () => {
  if (skip) return;
  if (server && server.exitCode === null) server.kill('SIGKILL');
  await rm(dataDir, { recursive: true, force: true });
});

describe('briefFormatOf', () => {
  it('takes --format, else the extension, else docx', () => {
    expect(briefFormatOf('a.xlsx', undefined)).toBe('xlsx');
    expect(briefFormatOf('a.docx', 'xlsx')).toBe('xlsx');
    expect(briefFormatOf('brief', undefined)).toBe('docx');
    expect(() => briefFormatOf('a.docx', 'pdf')).toThrow(/docx or xlsx/);
  });
});

describe.skipIf(skip)('landfall brief', () => {
  it(
    'writes the weekly brief as .docx with its sections and lines, and as .xlsx',
    { timeout: 120_000 },
    async () => {
      const out = join(dataDir, 'weekly.docx');
      const res = await run(['brief', '--kind', 'weekly', '--date', today, '--out', out, '--json']);
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout)).toMatchObject({ out, format: 'docx', kind: 'weekly', date: today });
      const paragraphs = await docxParagraphs(out);
      expect(paragraphs[0]).toBe(expected.title);
      for (const s of expected.sections) expect(paragraphs).toContain(s.heading);
      const line = expected.sections
        .flatMap((s) => s.lines)
        .find((l) => l.text.startsWith('标准厂房供电增容'));
      expect(line).toBeDefined();
      expect(paragraphs).toContain(`1．${line?.text}`);

      const xlsx = join(dataDir, 'weekly.xlsx');
      expect((await run(['brief', '--kind', 'weekly', '--date', today, '--out', xlsx])).code).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      expect(workbook.getWorksheet('简报')?.getCell('A1').value).toBe(expected.title);

      const bad = await run(['brief', '--kind', 'yearly', '--date', today, '--out', out]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('yearly');
      const badDate = await run(['brief', '--kind', 'weekly', '--date', '2026-02-30', '--out', out]);
      expect(badDate.code).toBe(1);
      expect(badDate.stderr).toContain('validation_failed');
    },
  );

  it('asks a running server over HTTP when it holds the data folder', { timeout: 120_000 }, async () => {
    const served = serveFolder(dataDir);
    server = served.server;
    const url = await served.url;
    expect(url).toMatch(/^http/);
    const out = join(dataDir, 'joint.docx');
    const res = await run(['brief', '--kind', 'joint', '--date', today, '--out', out]);
    expect(res.code, res.stderr).toBe(0);
    const paragraphs = await docxParagraphs(out);
    expect(paragraphs[0]).toBe('万州区招商引资联席会议简报');
    expect(paragraphs).toContain('一、提请联席会议研究的重大问题');
    server?.removeAllListeners('exit');
    server?.kill('SIGTERM');
  });
});
