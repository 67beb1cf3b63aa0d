import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerMoveKinds, stages } from '@landfall/domain/stages';
import { buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { creditCode, officeLedger, toXlsx, type OfficeRow } from '../test/ledger-files.ts';

/**
 * The stage moves an import writes read like any other: on the project page (now and as of a
 * date) every stage_move entry has its from, to and kind, and the brief names both stages.
 * An entry written by an older import (`{ source: 'import', kind: 'import' }`, nothing else) is
 * completed on the way out: the ledger is append-only, old payloads stay as they were written.
 */
const solar: OfficeRow = {
  name: '光伏组件项目',
  investor: '江苏晶辉光伏有限公司',
  code: creditCode(21, '320583'),
  place: '江苏省昆山市',
  unit: '经信委',
  agreed: 60000,
  fixed: 50000,
  signed: '2026-01-15',
};
const casting: OfficeRow = {
  name: '精密铸件项目',
  investor: '浙江精铸机械有限公司',
  code: creditCode(22, '330281'),
  place: '浙江宁波',
  unit: '经信委',
  agreed: 30000,
  fixed: 25000,
  signed: '2025-11-10',
  started: '2026-02-10',
};
const food: OfficeRow = {
  name: '食品加工项目',
  investor: '重庆味源食品有限公司',
  code: creditCode(23, '500112'),
  place: '重庆市渝北区',
  unit: '农委',
  agreed: 10000,
  fixed: 8000,
  signed: '2025-06-01',
  started: '2025-09-01',
};

async function sheet(cutOff: string, sections: { title: string; rows: OfficeRow[] }[]) {
  return toXlsx(
    officeLedger({
      title: '万州区2026年招商引资项目推进台账',
      metaLine: `填报单位：万州区投资促进局 截止时间：${cutOff} 单位：万元`,
      sections,
    }),
  );
}

interface Entry {
  id: number;
  kind: string;
  effectiveOn: string;
  stageTo: string | null;
  payload: Record<string, unknown>;
}

describe('stage moves written by an import', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let username = '';
  const ids: Record<string, string> = {};

  async function importSheet(name: string, file: Buffer) {
    const up = await coordinator.upload('/api/imports', name, file);
    expect(up.statusCode, up.body).toBe(201);
    // 补录 (not the first import's default, 基线): the brief then lists the sheet's earlier moves as late.
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {
      createUnits: true,
      entries: 'late',
    });
    expect(commit.statusCode, commit.body).toBe(200);
    return { id: up.json().id as string, summary: commit.json().summary };
  }
  async function moves(projectId: string, asOf?: string): Promise<Entry[]> {
    const res = await coordinator.get(`/api/projects/${projectId}${asOf ? `?asOf=${asOf}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().entries as Entry[]).filter((e) => e.kind === 'stage_move');
  }
  const moveOf = (e: Entry) => [e.payload.from, e.payload.to, e.payload.kind, e.effectiveOn];
  async function briefMoves(date: string): Promise<string[]> {
    const res = await coordinator.get(`/api/briefs?kind=weekly&date=${date}`);
    expect(res.statusCode, res.body).toBe(200);
    const section = res.json().sections.find((s: { key: string }) => s.key === 'stageMoves');
    return section.lines.map((l: { text: string }) => l.text);
  }

  beforeAll(async () => {
    world = await createWorld('2026-03-02T09:00:00+08:00');
    ({ client: coordinator, username } = await buildUser(world, 'coordinator'));
  });
  afterAll(() => world.close());

  it('a first sheet at 签约/开工/投产: each move has from, to and kind; the brief names both stages', async () => {
    const first = await importSheet(
      '台账2026.2.xlsx',
      await sheet('2026年2月28日', [
        { title: '一、已签约项目', rows: [solar] },
        { title: '二、开工建设项目', rows: [casting] },
        { title: '三、已投产项目', rows: [food] },
      ]),
    );
    expect(first.summary.projects).toMatchObject({ created: 3 });
    for (const p of await world.database.db.selectFrom('project').select(['id', 'name']).execute())
      ids[p.name] = p.id;

    expect(await moves(ids[solar.name as string]!)).toEqual([]);
    expect((await moves(ids[casting.name as string]!)).map(moveOf)).toEqual([
      ['signed', 'construction', 'import', '2026-02-10'],
    ]);
    const foodMoves = await moves(ids[food.name as string]!);
    expect(foodMoves.map(moveOf)).toEqual([
      ['signed', 'construction', 'import', '2025-09-01'],
      ['construction', 'production', 'import', '2026-02-28'],
    ]);
    // The stored payload itself has the ledger service's shape, and still names the import and row.
    const stored = await world.database.db
      .selectFrom('ledger_entry')
      .select('payload')
      .where('id', '=', foodMoves[1]!.id)
      .executeTakeFirstOrThrow();
    expect(stored.payload).toEqual({
      source: 'import',
      importId: first.id,
      row: expect.any(Number),
      from: 'construction',
      to: 'production',
      kind: 'import',
      evidence: { date: '2026-02-28' },
    });

    // The brief of 2 March: the moves dated in its week, and the earlier ones recorded in it (补录).
    expect(await briefMoves('2026-03-02')).toEqual([
      '食品加工项目（农委）：签约 → 开工（2025-09-01）（补录）',
      '精密铸件项目（经信委）：签约 → 开工（2026-02-10）（补录）',
      '食品加工项目（农委）：开工 → 投产（2026-02-28）',
    ]);
  });

  it('a later sheet moves the projects on: the page (now and as of a date) and the brief show from → to', async () => {
    world.clock.set('2026-03-11T10:00:00+08:00');
    await coordinator.login(username, PASSWORD);
    const second = await importSheet(
      '台账2026.3.10.xlsx',
      await sheet('2026年3月10日', [
        { title: '一、开工建设项目', rows: [{ ...solar, started: '2026-03-05' }] },
        { title: '二、已投产项目', rows: [casting, food] },
      ]),
    );
    expect(second.summary.projects).toMatchObject({ created: 0, updated: 2, unchanged: 1 });

    expect((await moves(ids[solar.name as string]!)).map(moveOf)).toEqual([
      ['signed', 'construction', 'import', '2026-03-10'],
    ]);
    const castingId = ids[casting.name as string]!;
    expect((await moves(castingId)).map(moveOf)).toEqual([
      ['signed', 'construction', 'import', '2026-02-10'],
      ['construction', 'production', 'import', '2026-03-10'],
    ]);
    expect((await moves(castingId, '2026-03-01')).map(moveOf)).toEqual([
      ['signed', 'construction', 'import', '2026-02-10'],
    ]);
    for (const id of Object.values(ids)) {
      for (const e of await moves(id)) {
        expect(stages).toContain(e.payload.from);
        expect(stages).toContain(e.payload.to);
        expect(e.payload.to).toBe(e.stageTo);
        expect(ledgerMoveKinds).toContain(e.payload.kind);
      }
    }

    expect(await briefMoves('2026-03-13')).toEqual([
      '光伏组件项目（经信委）：签约 → 开工（2026-03-10）',
      '精密铸件项目（经信委）：开工 → 投产（2026-03-10）',
    ]);
  });

  it('an entry an older import wrote ({source, kind: import} only) is completed from the ledger', async () => {
    const solarId = ids[solar.name as string]!;
    const project = await world.database.db
      .selectFrom('project')
      .select(['tenant_id'])
      .where('id', '=', solarId)
      .executeTakeFirstOrThrow();
    const legacy = async (effectiveOn: string, stageTo: 'production' | 'paused', payload: object) =>
      (
        await world.database.db
          .insertInto('ledger_entry')
          .values({
            tenant_id: project.tenant_id,
            project_id: solarId,
            kind: 'stage_move',
            effective_on: effectiveOn,
            recorded_at: new Date('2026-03-12T09:00:00+08:00'),
            actor_id: null,
            actor_name: '导入',
            stage_to: stageTo,
            payload: JSON.stringify(payload),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const old = { source: 'import', importId: '00000000-0000-4000-8000-000000000000', row: 6 };
    const noFrom = await legacy('2026-03-11', 'production', { ...old, kind: 'import' });
    // An even older shape: no kind at all (the checked move's kind is used when the rules know it).
    const noKind = await legacy('2026-03-12', 'paused', old);

    const entries = await moves(solarId);
    expect(entries.find((e) => e.id === noFrom)?.payload).toMatchObject({
      ...old,
      from: 'construction',
      to: 'production',
      kind: 'import',
      evidence: { date: '2026-03-11' },
    });
    expect(entries.find((e) => e.id === noKind)?.payload).toMatchObject({
      from: 'production',
      to: 'paused',
      kind: 'pause',
    });
    // As of the day before the second, the first is the latest move and still complete.
    expect((await moves(solarId, '2026-03-11')).map(moveOf).at(-1)).toEqual([
      'construction',
      'production',
      'import',
      '2026-03-11',
    ]);
    expect(await briefMoves('2026-03-13')).toEqual([
      '光伏组件项目（经信委）：签约 → 开工（2026-03-10）',
      '精密铸件项目（经信委）：开工 → 投产（2026-03-10）',
      '光伏组件项目（经信委）：开工 → 投产（2026-03-11）',
      '光伏组件项目（经信委）：投产 → 暂停（2026-03-12）',
    ]);
  });
});
