import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { buildProject } from '../test/library-fixtures.ts';

/**
 * An .xlsx/.docx attachment must be the Office package its name says and hold nothing that runs
 * (issue 12, item 17): a zip with an .exe named 合同.xlsx was stored as a spreadsheet.
 */
let world: TestWorld;
let coordinator: TestClient;
let projectId: string;

const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('合同').addRow(['项目', '金额']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function realDocx(): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('投资协议')] }] }));
}
async function withExtra(base: Buffer, files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base);
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
async function upload(name: string, bytes: Buffer) {
  return coordinator.upload(`/api/projects/${projectId}/attachments`, name, bytes);
}

beforeAll(async () => {
  world = await createWorld();
  coordinator = (await buildUser(world, 'coordinator')).client;
  const unit = await buildUnit(world.admin, { name: '区商务委' });
  projectId = (await buildProject(coordinator, { unitId: unit.id })).id;
});
afterAll(async () => world?.close());

describe('Office attachments', () => {
  it('accepts a real workbook and document, and gives them back as uploaded', async () => {
    for (const [name, bytes] of [
      ['合同.xlsx', await realXlsx()],
      ['协议.docx', await realDocx()],
    ] as const) {
      const res = await upload(name, bytes);
      expect(res.statusCode, res.body).toBe(201);
      const back = await coordinator.get(`/api/attachments/${res.json().id}`);
      expect(back.statusCode).toBe(200);
      expect(back.rawPayload.equals(bytes)).toBe(true);
    }
  });

  it('refuses a zip holding a program, by its name or by its first bytes', async () => {
    const zip = new JSZip();
    zip.file('setup.exe', exe);
    const plain = await upload('合同.xlsx', await zip.generateAsync({ type: 'nodebuffer' }));
    expect(plain.statusCode).toBe(415);
    expect(plain.json().error).toMatchObject({ code: 'unsupported_media_type' });
    expect(plain.json().error.message).toContain('可执行程序');

    const hidden = await upload(
      '合同.xlsx',
      await withExtra(await realXlsx(), { 'xl/media/image1.png': exe }),
    );
    expect(hidden.statusCode).toBe(415);
    expect(hidden.json().error.message).toContain('可执行程序');

    const nested = await upload('协议.docx', await withExtra(await realDocx(), { 'word/payload.zip': 'PK' }));
    expect(nested.statusCode).toBe(415);
  });

  it('refuses macros, a document posing as a workbook, and a zip that is no Office package', async () => {
    const macros = await upload('台账.xlsx', await withExtra(await realXlsx(), { 'xl/vbaProject.bin': 'x' }));
    expect(macros.statusCode).toBe(415);
    expect(macros.json().error.message).toContain('宏');

    const posing = await upload('台账.xlsx', await realDocx());
    expect(posing.statusCode).toBe(415);
    expect(posing.json().error.message).toContain('扩展名不符');

    const zip = new JSZip();
    zip.file('readme.txt', '你好');
    const bare = await upload('协议.docx', await zip.generateAsync({ type: 'nodebuffer' }));
    expect(bare.statusCode).toBe(415);
    expect(bare.json().error.message).toContain('Content_Types');

    const listed = await world.database.db
      .selectFrom('attachment')
      .select('filename')
      .where('project_id', '=', projectId)
      .execute();
    expect(listed.map((a) => a.filename).sort()).toEqual(['协议.docx', '合同.xlsx']);
  });
});
