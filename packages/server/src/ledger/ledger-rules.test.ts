import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import {
  buildProject,
  pdfBytes,
  recordFunds,
  signProject,
  type BuiltProject,
} from '../test/library-fixtures.ts';
import { jpegPhoto } from '../test/photo-fixtures.ts';

/**
 * Issue 11 §6: the ledger refuses impossible states — a reverted signing leaves no 签约日期, funds
 * are not dated before the signing, 境外 funds are not 内资, and 签约/投产 stand on evidence.
 */
let world: TestWorld;
let staff: TestClient;
let unitId: string;

beforeAll(async () => {
  world = await createWorld('2026-07-10T10:00:00+08:00');
  unitId = (await buildUnit(world.admin, { name: '区商务局' })).id;
  staff = (await buildUser(world, 'unit_staff', { unitId })).client;
});
afterAll(async () => world?.close());

async function signed(name: string, signedOn = '2026-03-10') {
  const p = await buildProject(staff, { name, enteredOn: '2026-01-05' });
  return signProject(staff, p, {
    negotiatingOn: '2026-02-01',
    signedOn,
    agreedInvestmentFen: 10_000_000_000,
  });
}

async function move(p: BuiltProject, to: string, evidence: Record<string, unknown>) {
  return staff.post(`/api/projects/${p.id}/stage`, { to, evidence, version: p.version });
}

async function upload(p: { id: string }, filename: string, content: Buffer): Promise<string> {
  const res = await staff.upload(`/api/projects/${p.id}/attachments`, filename, content);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** signed → settled → construction, ready for 投产. */
async function underConstruction(name: string) {
  let p = await signed(name);
  const settled = await move(p, 'settled', {
    date: '2026-04-01',
    registeredOn: '2026-03-28',
    localCreditCode: '91350100M000100Y43',
  });
  expect(settled.statusCode, settled.body).toBe(200);
  p = settled.json().project;
  const permit = await upload(p, '施工许可证.pdf', pdfBytes);
  const built = await move(p, 'construction', {
    date: '2026-05-01',
    actualStartOn: '2026-05-01',
    attachmentId: permit,
  });
  expect(built.statusCode, built.body).toBe(200);
  return built.json().project as BuiltProject;
}

function fieldError(res: {
  statusCode: number;
  json: () => { error: { fields: { path: string[]; message: string }[] } };
}) {
  expect(res.statusCode).toBe(400);
  return res.json().error.fields[0]!;
}

describe('a reverted signing', () => {
  it('clears 签约日期 and the agreement kind (误录); a 解约 keeps them', async () => {
    const mistake = await signed('误录签约项目');
    const reverted = await move(mistake, 'negotiating', { date: '2026-03-12', reason: '误录，实际尚未签约' });
    expect(reverted.statusCode, reverted.body).toBe(200);
    const read = (await staff.get(`/api/projects/${mistake.id}`)).json();
    expect(read.project).toMatchObject({ stage: 'negotiating', signedOn: null, agreementKind: null });
    const revertEntry = read.entries.find(
      (e: { kind: string; payload: { kind?: string } }) => e.payload.kind === 'revert',
    );
    expect(revertEntry.payload.evidence.cleared).toEqual({ signedOn: '2026-03-10', agreementKind: 'formal' });
    const listed = (await staff.get('/api/projects?q=误录签约项目')).json().items[0];
    expect(listed.signedOn).toBeNull();

    const ended = await signed('解约项目', '2026-03-11');
    const dropped = await move(ended, 'dropped', { date: '2026-04-02', reason: '企业解约' });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect(dropped.json().project).toMatchObject({
      stage: 'dropped',
      signedOn: '2026-03-11',
      agreementKind: 'formal',
    });

    const res = await staff.get('/api/exports/ledger.xlsx');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let signedColumn = 0;
    const signedCells = new Map<string, unknown>();
    sheet.eachRow((row) => {
      row.eachCell((cell, col) => {
        if (cell.value === '签约时间') signedColumn = col;
      });
      const name = String(row.getCell(2).value);
      if (signedColumn && (name === '误录签约项目' || name === '解约项目'))
        signedCells.set(name, row.getCell(signedColumn).value);
    });
    expect(signedCells.get('误录签约项目') ?? null).toBeNull();
    expect(signedCells.get('解约项目')).toBeTruthy();
  });

  it('is refused while funds are recorded on it, until they are corrected', async () => {
    const p = await signed('有资金的误录签约', '2026-03-10');
    const funds = await recordFunds(staff, p.id, '2026-04-01', 50_000_000);
    const current = (await staff.get(`/api/projects/${p.id}`)).json().project as BuiltProject;
    const refused = await move(current, 'negotiating', { date: '2026-04-02', reason: '误录' });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'conflict' });
    expect(refused.json().error.message).toContain('请先更正');
    expect((await staff.get(`/api/projects/${p.id}`)).json().project).toMatchObject({
      stage: 'signed',
      signedOn: '2026-03-10',
    });

    const corrected = await staff.post(`/api/ledger-entries/${funds.id}/correction`, { reason: '误录' });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const after = (await staff.get(`/api/projects/${p.id}`)).json().project as BuiltProject;
    const reverted = await move(after, 'negotiating', { date: '2026-04-02', reason: '误录' });
    expect(reverted.statusCode, reverted.body).toBe(200);
    expect(reverted.json().project).toMatchObject({ stage: 'negotiating', signedOn: null });
  });
});

describe('funds', () => {
  it('are refused when dated before the signing', async () => {
    const p = await signed('早到资金项目', '2026-03-10');
    const early = await staff.post(`/api/projects/${p.id}/funding`, {
      date: '2026-03-09',
      amountFen: 100_000,
      source: 'outside_province',
    });
    const error = fieldError(early);
    expect(error.path).toEqual(['date']);
    expect(error.message).toBe('到位资金日期不能早于签约日期 2026-03-10');
    const onTheDay = await staff.post(`/api/projects/${p.id}/funding`, {
      date: '2026-03-10',
      amountFen: 100_000,
      source: 'outside_province',
    });
    expect(onTheDay.statusCode, onTheDay.body).toBe(201);
  });

  it('from abroad are never 内资; foreign capital from elsewhere needs a reason', async () => {
    const p = await signed('外资项目');
    const url = `/api/projects/${p.id}/funding`;
    const base = { date: '2026-04-01', amountFen: 500_000 };
    const abroadDomestic = await staff.post(url, { ...base, source: 'abroad', capitalKind: 'domestic' });
    expect(fieldError(abroadDomestic)).toMatchObject({
      path: ['capitalKind'],
      message: '资金来源为境外的，资金性质应为外资',
    });
    const abroad = await staff.post(url, { ...base, source: 'abroad' });
    expect(abroad.statusCode, abroad.body).toBe(201);
    expect(abroad.json().capitalKind).toBe('foreign');
    const noReason = await staff.post(url, { ...base, source: 'outside_province', capitalKind: 'foreign' });
    expect(fieldError(noReason).path).toEqual(['sourceReason']);
    const blankReason = await staff.post(url, {
      ...base,
      source: 'outside_province',
      capitalKind: 'foreign',
      sourceReason: '  ',
    });
    expect(fieldError(blankReason).path).toEqual(['sourceReason']);
    const withReason = await staff.post(url, {
      ...base,
      source: 'outside_province',
      capitalKind: 'foreign',
      sourceReason: '外资企业在沪子公司出资',
    });
    expect(withReason.statusCode, withReason.body).toBe(201);
    expect(withReason.json()).toMatchObject({ capitalKind: 'foreign', fundingSource: 'outside_province' });
    expect(withReason.json().payload.sourceReason).toBe('外资企业在沪子公司出资');
  });
});

describe('evidence', () => {
  it('签约 needs the agreement file or a stated reason why not', async () => {
    const p = await buildProject(staff, { name: '协议项目', stage: 'negotiating', enteredOn: '2026-01-05' });
    const evidence = { date: '2026-03-01', agreementKind: 'formal', agreedInvestmentFen: 1_000_000 };
    const bare = await move(p, 'signed', evidence);
    expect(fieldError(bare)).toMatchObject({
      path: ['evidence', 'attachmentId'],
      message: '请上传协议文件，或说明未上传的原因',
    });
    expect(fieldError(await move(p, 'signed', { ...evidence, noAgreementReason: ' ' })).path).toEqual([
      'evidence',
      'attachmentId',
    ]);
    const other = await buildProject(staff, { name: '别的项目' });
    const foreignFile = await upload(other, '合同.pdf', pdfBytes);
    expect(fieldError(await move(p, 'signed', { ...evidence, attachmentId: foreignFile })).message).toBe(
      '附件不存在',
    );
    const agreement = await upload(p, '投资协议.pdf', pdfBytes);
    const ok = await move(p, 'signed', { ...evidence, attachmentId: agreement });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().entry.attachmentId).toBe(agreement);
    const reasoned = await buildProject(staff, {
      name: '无协议文本项目',
      stage: 'negotiating',
      enteredOn: '2026-01-05',
    });
    const withReason = await move(reasoned, 'signed', {
      ...evidence,
      noAgreementReason: '协议原件在市里，待扫描',
    });
    expect(withReason.statusCode, withReason.body).toBe(200);
    expect(withReason.json().entry.payload.evidence.noAgreementReason).toBe('协议原件在市里，待扫描');
  });

  it('投产 needs a licence, an acceptance record or a dated site photo', async () => {
    const p = await underConstruction('许可证投产项目');
    const none = await move(p, 'production', { date: '2026-06-01' });
    expect(fieldError(none).path).toEqual(['evidence', 'evidenceKind']);
    const noFile = await move(p, 'production', { date: '2026-06-01', evidenceKind: 'licence' });
    expect(fieldError(noFile).path).toEqual(['evidence', 'attachmentId']);
    const licence = await upload(p, '生产许可证.pdf', pdfBytes);
    const asPhoto = await move(p, 'production', {
      date: '2026-06-01',
      evidenceKind: 'site_photo',
      attachmentId: licence,
      photoTakenOn: '2026-06-01',
    });
    expect(fieldError(asPhoto)).toMatchObject({
      path: ['evidence', 'attachmentId'],
      message: '现场照片应为 JPG 或 PNG 图片',
    });
    const ok = await move(p, 'production', {
      date: '2026-06-01',
      evidenceKind: 'licence',
      attachmentId: licence,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().project).toMatchObject({ stage: 'production', productionOn: '2026-06-01' });
  });

  it('a site photo is verified by its EXIF date within 7 days, else kept as 未核验 with the reason', async () => {
    const near = await underConstruction('照片核验项目');
    const nearPhoto = await upload(near, '投产现场.jpg', jpegPhoto('2026:06:08 16:20:00'));
    const verified = await move(near, 'production', {
      date: '2026-06-01',
      evidenceKind: 'site_photo',
      attachmentId: nearPhoto,
      photoTakenOn: '2026-06-01',
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().entry.payload.evidence.photoCheck).toEqual({
      verified: true,
      exifOn: '2026-06-08',
    });

    const off = await underConstruction('照片日期不符项目');
    const oldPhoto = await upload(off, '现场.jpg', jpegPhoto('2026:05:20 09:00:00'));
    const evidence = {
      date: '2026-06-01',
      evidenceKind: 'site_photo',
      attachmentId: oldPhoto,
      photoTakenOn: '2026-06-01',
    };
    const refused = fieldError(await move(off, 'production', evidence));
    expect(refused.path).toEqual(['evidence', 'unverifiedReason']);
    expect(refused.message).toContain(
      '照片拍摄时间（EXIF）为 2026-05-20，与所填拍摄日期 2026-06-01 相差超过 7 天',
    );
    const kept = await move(off, 'production', { ...evidence, unverifiedReason: '相机时间未校准' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().entry.payload.evidence).toMatchObject({
      unverifiedReason: '相机时间未校准',
      photoCheck: { verified: false, exifOn: '2026-05-20', problem: 'date_off' },
    });

    const bare = await underConstruction('无EXIF照片项目');
    const stripped = await upload(bare, '微信图片.jpg', jpegPhoto());
    const noExif = {
      date: '2026-06-01',
      evidenceKind: 'site_photo',
      attachmentId: stripped,
      photoTakenOn: '2026-05-30',
    };
    expect(fieldError(await move(bare, 'production', noExif)).message).toContain(
      '照片中没有拍摄时间（EXIF）信息',
    );
    const keptBare = await move(bare, 'production', {
      ...noExif,
      unverifiedReason: '微信传输后拍摄信息丢失',
    });
    expect(keptBare.statusCode, keptBare.body).toBe(200);
    expect(keptBare.json().entry.payload.evidence.photoCheck).toEqual({
      verified: false,
      exifOn: null,
      problem: 'no_exif_date',
    });
    const timeline = (await staff.get(`/api/projects/${bare.id}`)).json().entries;
    const production = timeline.find((e: { stageTo: string | null }) => e.stageTo === 'production');
    expect(production.payload.evidence.photoCheck.verified).toBe(false);
  });
});
