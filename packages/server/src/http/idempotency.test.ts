import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUnit, buildUser, createWorld, PASSWORD, type TestWorld } from '../test/fixtures.ts';
import type { TestClient } from '../test/client.ts';
import { requestSha } from './idempotency.ts';
import { buildProject, signProject, type BuiltProject } from '../test/library-fixtures.ts';

/** Idempotent writes (issue 12 item 15): funding, progress and stage posts with an Idempotency-Key. */
let world: TestWorld;
let staff: TestClient;
let staffName: string;
let staffId: string;
let other: TestClient;
let project: BuiltProject;

beforeAll(async () => {
  world = await createWorld(); // 2026-03-02
  const unit = (await buildUnit(world.admin)).id;
  ({
    client: staff,
    username: staffName,
    id: staffId,
  } = await buildUser(world, 'unit_staff', { unitId: unit }));
  other = (await buildUser(world, 'unit_staff', { unitId: unit })).client;
  project = await buildProject(staff, { name: '幂等项目', enteredOn: '2026-01-05' });
  project = await signProject(staff, project, {
    negotiatingOn: '2026-01-10',
    signedOn: '2026-01-15',
    agreedInvestmentFen: 20_000_000_000,
  });
});
afterAll(async () => world?.close());

/** A POST with extra headers (the Idempotency-Key). */
const send = (
  client: TestClient,
  url: string,
  body: unknown,
  opts: { headers?: Record<string, string> } = {},
) => client.request('POST', url, body, opts);

const funding = (amountFen: number) => ({ date: '2026-02-01', amountFen, source: 'outside_province' });

async function detail(client: TestClient) {
  const body = (await client.get(`/api/projects/${project.id}`)).json() as {
    project: { fundsInPlaceFen: number; version: number; stage: string };
    entries: { kind: string; amountFen: number | null }[];
  };
  return { ...body, funds: body.entries.filter((e) => e.kind === 'funding') };
}

describe('an Idempotency-Key', () => {
  it('makes a retried funding post answer as the first did, recording the funds once', async () => {
    const before = await detail(staff);
    const headers = { 'idempotency-key': 'fund-2026-02-01-a' };
    const first = await send(staff, `/api/projects/${project.id}/funding`, funding(1_000_000), { headers });
    expect(first.statusCode).toBe(201);
    const retry = await send(staff, `/api/projects/${project.id}/funding`, funding(1_000_000), { headers });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const after = await detail(staff);
    expect(after.funds.length).toBe(before.funds.length + 1);
    expect(after.project.fundsInPlaceFen).toBe(before.project.fundsInPlaceFen + 1_000_000);
    // Without a key every post is a new write.
    await send(staff, `/api/projects/${project.id}/funding`, funding(1_000_000));
    expect((await detail(staff)).funds.length).toBe(before.funds.length + 2);
  });

  it('refuses the same key with another body, in the user’s language', async () => {
    const headers = { 'idempotency-key': 'fund-b' };
    expect(
      (await send(staff, `/api/projects/${project.id}/funding`, funding(5), { headers })).statusCode,
    ).toBe(201);
    const count = (await detail(staff)).funds.length;
    const reused = await send(staff, `/api/projects/${project.id}/funding`, funding(6), { headers });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.message).toContain('Idempotency-Key 已用于另一个请求');
    const english = await send(staff, `/api/projects/${project.id}/funding`, funding(6), {
      headers: { ...headers, 'accept-language': 'en-US' },
    });
    expect(english.json().error.message).toContain('used for a different request');
    expect((await detail(staff)).funds.length).toBe(count);
  });

  it('is per user: another user’s same key is their own write', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    const count = (await detail(staff)).funds.length;
    const mine = await send(staff, `/api/projects/${project.id}/funding`, funding(7), { headers });
    const theirs = await send(other, `/api/projects/${project.id}/funding`, funding(7), { headers });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect((await detail(staff)).funds.length).toBe(count + 2);
  });

  it('writes once when retries with one key arrive together', async () => {
    const count = (await detail(staff)).funds.length;
    const headers = { 'idempotency-key': 'concurrent-1' };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        send(staff, `/api/projects/${project.id}/funding`, funding(800), { headers }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect((await detail(staff)).funds.length).toBe(count + 1);
  });

  it('replays progress and stage posts, and a refused one as refused', async () => {
    const headers = { 'idempotency-key': 'progress-1' };
    const body = { date: '2026-03-01', current: '厂房封顶', problems: '', nextSteps: '设备进场' };
    const first = await send(staff, `/api/projects/${project.id}/progress`, body, { headers });
    expect(first.statusCode).toBe(201);
    const again = await send(staff, `/api/projects/${project.id}/progress`, body, { headers });
    expect(again.json()).toEqual(first.json());
    expect((await detail(staff)).entries.filter((e) => e.kind === 'progress').length).toBe(1);

    const { project: current } = await detail(staff);
    const move = {
      to: 'paused',
      evidence: { date: '2026-03-01', reason: '等待环评' },
      version: current.version,
    };
    const moved = await send(staff, `/api/projects/${project.id}/stage`, move, {
      headers: { 'idempotency-key': 'stage-1' },
    });
    expect(moved.statusCode).toBe(200);
    const replayed = await send(staff, `/api/projects/${project.id}/stage`, move, {
      headers: { 'idempotency-key': 'stage-1' },
    });
    expect(replayed.statusCode).toBe(moved.statusCode);
    expect(replayed.json()).toEqual(moved.json());
    // The same move without the key is refused as stale: the retry above did not move it twice.
    const stale = await send(staff, `/api/projects/${project.id}/stage`, move);
    expect(stale.statusCode).toBe(409);

    const refused = await send(
      staff,
      `/api/projects/${project.id}/funding`,
      { ...funding(1), date: '2025-01-01' },
      {
        headers: { 'idempotency-key': 'refused-1' },
      },
    );
    expect(refused.statusCode).toBe(400);
    const refusedAgain = await send(
      staff,
      `/api/projects/${project.id}/funding`,
      { ...funding(1), date: '2025-01-01' },
      { headers: { 'idempotency-key': 'refused-1' } },
    );
    expect(refusedAgain.statusCode).toBe(400);
    expect(refusedAgain.json().error.fields).toEqual(refused.json().error.fields);
  });

  it('expires after 24 hours, and must be visible ASCII', async () => {
    const headers = { 'idempotency-key': 'day-old' };
    const count = (await detail(staff)).funds.length;
    await send(staff, `/api/projects/${project.id}/funding`, funding(9), { headers });
    world.clock.advance(25 * 60 * 60 * 1000);
    await staff.login(staffName, PASSWORD); // the session ended meanwhile
    const later = await send(staff, `/api/projects/${project.id}/funding`, funding(9), { headers });
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect((await detail(staff)).funds.length).toBe(count + 2);
    const bad = await send(staff, `/api/projects/${project.id}/funding`, funding(9), {
      headers: { 'idempotency-key': 'x'.repeat(201) },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toEqual(['headers', 'idempotency-key']);
  });

  it('after a crash: a claim whose write never committed is retried, one that committed is not repeated', async () => {
    const url = `/api/projects/${project.id}/funding`;
    const done = await send(staff, url, funding(11), { headers: { 'idempotency-key': 'marked' } });
    const row = await world.database.db
      .selectFrom('idempotency_key')
      .select(['committed', 'status'])
      .where('owner', '=', staffId)
      .where('key', '=', 'marked')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ committed: true, status: done.statusCode });

    // What a process killed mid-request leaves: the claim, and the commit mark only if the write committed.
    const claim = async (key: string, committed: boolean, body: unknown) => {
      await world.database.db
        .insertInto('idempotency_key')
        .values({
          owner: staffId,
          key,
          tenant_id: world.tenantId,
          method: 'POST',
          url,
          body_sha256: requestSha('POST', url, body),
          committed,
          created_at: new Date(world.clock.now().getTime() - 60_000),
        })
        .execute();
    };
    const count = (await detail(staff)).funds.length;
    await claim('died-before-commit', false, funding(12));
    const retried = await send(staff, url, funding(12), {
      headers: { 'idempotency-key': 'died-before-commit' },
    });
    expect(retried.statusCode).toBe(201);
    expect((await detail(staff)).funds.length).toBe(count + 1);

    await claim('died-after-commit', true, funding(13));
    const kept = await send(staff, url, funding(13), { headers: { 'idempotency-key': 'died-after-commit' } });
    expect(kept.statusCode).toBe(409);
    expect(kept.json().error.message).toContain('已经记录');
    expect((await detail(staff)).funds.length).toBe(count + 1);
  });
});
