import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { creditCode, officeLedger, toXlsx, type OfficeRow } from '../test/ledger-files.ts';

/**
 * Going live with history (基线): the first import of an empty tenant is a baseline — its entries
 * count as known on their own dates — so the weekly brief of a past week lists what the file says
 * happened that week, and the first live brief is not flooded with the year as 补录. A later
 * import is 补录 by default; either can be chosen.
 */
const signedInSeptember: OfficeRow = {
  name: '光伏组件项目',
  investor: '江苏晶辉光伏有限公司',
  code: creditCode(31, '320583'),
  place: '江苏省昆山市',
  unit: '经信委',
  agreed: 60000,
  fixed: 50000,
  signed: '2026-09-09',
};
const signedInMarch: OfficeRow = {
  name: '精密铸件项目',
  investor: '浙江精铸机械有限公司',
  code: creditCode(32, '330281'),
  place: '浙江宁波',
  unit: '经信委',
  agreed: 30000,
  fixed: 25000,
  signed: '2026-03-10',
};

async function ledger(cutOff: string, rows: OfficeRow[]) {
  return toXlsx(
    officeLedger({
      title: '万州区2026年招商引资项目推进台账',
      metaLine: `填报单位：万州区投资促进局 截止时间：${cutOff} 单位：万元`,
      sections: [{ title: '一、已签约项目', rows }],
    }),
  );
}

describe('a baseline import at go-live', () => {
  let world: TestWorld;
  let coordinator: TestClient;
  let username = '';
  beforeAll(async () => {
    world = await createWorld('2026-12-03T10:00:00+08:00');
    ({ client: coordinator, username } = await buildUser(world, 'coordinator'));
  });
  afterAll(() => world.close());

  async function importFile(name: string, file: Buffer, options: Record<string, unknown> = {}) {
    const up = await coordinator.upload('/api/imports', name, file);
    expect(up.statusCode, up.body).toBe(201);
    const preview = await coordinator.post(`/api/imports/${up.json().id}/preview`, {
      createUnits: true,
      ...options,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const commit = await coordinator.post(`/api/imports/${up.json().id}/commit`, {
      createUnits: true,
      ...options,
    });
    expect(commit.statusCode, commit.body).toBe(200);
    return { preview: preview.json().summary, summary: commit.json().summary };
  }
  async function brief(date: string) {
    const res = await coordinator.get(`/api/briefs?kind=weekly&date=${date}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { sections: { key: string; lines: { text: string }[] }[] };
  }
  const text = (b: Awaited<ReturnType<typeof brief>>) =>
    b.sections.flatMap((s) => s.lines.map((l) => `${s.key}: ${l.text}`)).join('\n');

  it('is the default for an empty tenant; a past week’s brief lists what the file said, the next live one no 补录', async () => {
    const first = await importFile(
      '台账2026.9.xlsx',
      await ledger('2026年9月30日', [signedInSeptember, signedInMarch]),
    );
    expect(first.preview.entries).toBe('baseline');
    expect(first.summary.entries).toBe('baseline');
    expect(first.summary.projects.created).toBe(2);

    // The week of 7–13 September: the signing the file dates 9 September, as news of that week.
    const september = text(await brief('2026-09-14'));
    expect(september).toContain('newLeadsAndProjects: 【项目】光伏组件项目');
    expect(september).not.toContain('newLeadsAndProjects: 【项目】精密铸件项目');
    expect(september).toContain('stale: 精密铸件项目'); // as of mid-September, nothing since March
    expect(september).not.toContain('补录');
    // A week in March lists March's signing.
    expect(text(await brief('2026-03-16'))).toContain('newLeadsAndProjects: 【项目】精密铸件项目');
    // The first live brief after go-live: nothing from the file comes back as 补录.
    const live = text(await brief('2026-12-07'));
    expect(live).not.toContain('newLeadsAndProjects');
    expect(live).not.toContain('补录');
    expect(live).toContain('stale: 光伏组件项目'); // it is only stale: no update since the file's September
  });

  it('a later import is 补录 by default (listed once, in the next brief); baseline can be chosen', async () => {
    const late: OfficeRow = {
      ...signedInSeptember,
      name: '新材料项目',
      code: creditCode(33, '320583'),
      signed: '2026-10-14',
    };
    const second = await importFile('台账2026.10.xlsx', await ledger('2026年10月31日', [late]));
    expect(second.summary.entries).toBe('late');
    expect(text(await brief('2026-10-19'))).not.toContain('新材料项目'); // not known then
    const next = text(await brief('2026-12-07'));
    expect(next).toContain('新材料项目');
    expect(next).toContain('补录');

    world.clock.set(new Date('2026-12-03T11:00:00+08:00'));
    await coordinator.login(username, PASSWORD);
    const chosen: OfficeRow = {
      ...signedInSeptember,
      name: '储能项目',
      code: creditCode(34, '320583'),
      signed: '2026-11-11',
    };
    const third = await importFile('台账2026.11.xlsx', await ledger('2026年11月30日', [chosen]), {
      entries: 'baseline',
    });
    expect(third.summary.entries).toBe('baseline');
    expect(text(await brief('2026-11-16'))).toContain('储能项目');
    // As known on 20 November: the baseline loads count (known on their dates), the 补录 load of 3 December not.
    const stats = (await coordinator.get('/api/stats?asOf=2026-11-30&knownOn=2026-11-20')).json();
    expect(stats.projects).toBe(3);
    expect((await coordinator.get('/api/stats?asOf=2026-11-30')).json().projects).toBe(4);
  });
});
