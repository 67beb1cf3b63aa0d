import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSetup, buildUser, createWorld, uniqueName, type TestWorld } from '../test/fixtures.ts';

/**
 * The password policy per tenant (issue 12, item 9): a district inherits its city's rules and may only
 * tighten them; one district's security administrator changes nothing for any other tenant.
 */
let world: TestWorld;
let wanzhou: string;
let fuling: string;
let citySecurity: Awaited<ReturnType<typeof buildUser>>;
let wanzhouSecurity: Awaited<ReturnType<typeof buildUser>>;

beforeAll(async () => {
  world = await createWorld(undefined, buildSetup({ tenantName: '重庆市', divisionCode: '500000' }));
  const tenant = async (name: string, divisionCode: string) =>
    (await world.admin.post('/api/tenants', { parentId: world.tenantId, name, divisionCode })).json()
      .id as string;
  wanzhou = await tenant('万州区', '500101');
  fuling = await tenant('涪陵区', '500102');
  citySecurity = await buildUser(world, 'security_admin');
  wanzhouSecurity = await buildUser(world, 'security_admin', { tenantId: wanzhou });
});
afterAll(async () => world?.close());

const policyOf = async (tenantId: string) =>
  (await world.admin.get(`/api/password-policy?tenantId=${tenantId}`)).json();
const save = (
  client: typeof citySecurity.client,
  tenantId: string,
  body: Record<string, unknown>,
  version: number,
) =>
  client.put('/api/password-policy', {
    minLength: 8,
    minClasses: 3,
    idleDays: 90,
    ...body,
    tenantId,
    version,
  });
const leader = (tenantId: string, password: string) =>
  world.admin.post('/api/users', {
    tenantId,
    username: uniqueName('p_'),
    displayName: '领导',
    role: 'leader',
    password,
  });

describe('the password policy per tenant', () => {
  it('is inherited from the city, and a district can only tighten it', async () => {
    const city = await save(citySecurity.client, world.tenantId, { minLength: 10, idleDays: 60 }, 0);
    expect(city.statusCode, city.body).toBe(200);
    expect(await policyOf(wanzhou)).toMatchObject({
      minLength: 10,
      idleDays: 60,
      version: 0,
      inherited: { minLength: 10, minClasses: 3, idleDays: 60 },
    });

    const looser = await save(wanzhouSecurity.client, wanzhou, { minLength: 9, idleDays: 90 }, 0);
    expect(looser.statusCode).toBe(400);
    const fields = looser.json().error.fields as { path: string[]; message: string }[];
    expect(fields.map((f) => f.path[0]).sort()).toEqual(['idleDays', 'minLength']);
    expect(fields.find((f) => f.path[0] === 'minLength')?.message).toBe(
      '上级区域要求至少 10 位，本区域只能更严',
    );

    const tighter = await save(wanzhouSecurity.client, wanzhou, { minLength: 12, idleDays: 30 }, 0);
    expect(tighter.statusCode, tighter.body).toBe(200);
    expect(tighter.json()).toMatchObject({ minLength: 12, idleDays: 30, version: 1 });
  });

  it('holds for the district’s accounts only: its neighbour and the city keep theirs', async () => {
    expect((await leader(wanzhou, 'Elevn#Char1')).statusCode).toBe(400);
    expect((await leader(wanzhou, 'Twelve#Chars1')).statusCode).toBe(201);
    expect((await leader(fuling, 'Elevn#Char1')).statusCode).toBe(201);
    expect((await leader(world.tenantId, 'Nine#Char1')).statusCode).toBe(201);
    expect((await policyOf(fuling)).minLength).toBe(10);
    expect((await policyOf(world.tenantId)).minLength).toBe(10);
  });

  it('cannot be changed by a district for its city or its neighbour', async () => {
    const city = await policyOf(world.tenantId);
    expect(
      (await save(wanzhouSecurity.client, world.tenantId, { minLength: 8 }, city.version)).statusCode,
    ).toBe(404);
    expect((await save(wanzhouSecurity.client, fuling, { minLength: 8 }, 0)).statusCode).toBe(404);
    expect((await policyOf(world.tenantId)).minLength).toBe(10);
  });

  it('follows the city when it tightens past what a district saved', async () => {
    const city = await policyOf(world.tenantId);
    expect(
      (await save(citySecurity.client, world.tenantId, { minLength: 14, idleDays: 60 }, city.version))
        .statusCode,
    ).toBe(200);
    expect(await policyOf(wanzhou)).toMatchObject({ minLength: 14, idleDays: 30 });
    expect((await leader(wanzhou, 'Thirteen#Ch1x')).statusCode).toBe(400);
    expect((await leader(fuling, 'Fourteen#Chr1x')).statusCode).toBe(201);
  });
});
