import { sql, type Kysely } from 'kysely';
import type { DB } from '../../packages/server/src/db/schema.ts';

/**
 * A generated library for the dashboard benchmark: `projects` projects over the
 * units of one tenant, each with a created entry, stage moves, monthly funds and
 * progress — `entriesPerProject` ledger entries on average — in a handful of
 * set-based statements (no per-row round trips).
 */
export async function seedLibrary(
  db: Kysely<DB>,
  org: { tenantId: string; unitIds: string[] },
  projects: number,
  entriesPerProject = 20,
) {
  const year = new Date().getFullYear();
  const units = sql.raw(`array[${org.unitIds.map((u) => `'${u}'::uuid`).join(',')}]`);
  await sql`
    insert into project (id, tenant_id, unit_id, name, stage, stage_on, region, agreed_investment_fen, fixed_asset_fen,
      funds_in_place_fen, last_entry_on, created_at, updated_at, sensitivity)
    select md5('p' || g)::uuid, ${org.tenantId}, (${units})[1 + g % ${org.unitIds.length}], '基准项目' || g,
      (array['planning','negotiating','signed','settled','construction','production','paused','dropped'])[1 + g % 8],
      make_date(${year}, 1, 1) + (g % 200), (array['yrd','prd','bohai','other','local'])[1 + g % 5],
      (1 + g % 500) * 100000000::bigint, 0, 0, make_date(${year}, 1, 1) + (g % 300), now(), now(), 'normal'
    from generate_series(1, ${projects}) g`.execute(db);
  // created: one per project
  await sql`
    insert into ledger_entry (tenant_id, project_id, kind, effective_on, recorded_at, actor_name, stage_to, agreed_fen, fixed_fen)
    select ${org.tenantId}, md5('p' || g)::uuid, 'created', make_date(${year}, 1, 1) + (g % 60), now(), 'bench', 'planning',
      (1 + g % 500) * 100000000::bigint, 0
    from generate_series(1, ${projects}) g`.execute(db);
  // stage moves: signed for half the projects, construction for a quarter
  await sql`
    insert into ledger_entry (tenant_id, project_id, kind, effective_on, recorded_at, actor_name, stage_to, agreed_fen)
    select ${org.tenantId}, md5('p' || g)::uuid, 'stage_move', make_date(${year}, 1, 1) + 60 + (g % 120), now(), 'bench', 'signed',
      (1 + g % 500) * 100000000::bigint
    from generate_series(1, ${projects}) g where g % 2 = 0`.execute(db);
  await sql`
    insert into ledger_entry (tenant_id, project_id, kind, effective_on, recorded_at, actor_name, stage_to)
    select ${org.tenantId}, md5('p' || g)::uuid, 'stage_move', make_date(${year}, 1, 1) + 190 + (g % 100), now(), 'bench', 'construction'
    from generate_series(1, ${projects}) g where g % 4 = 0`.execute(db);
  // funds and progress to reach the requested average
  const rest = Math.max(0, entriesPerProject - 2);
  const funding = Math.floor(rest / 2);
  await sql`
    insert into ledger_entry (tenant_id, project_id, kind, effective_on, recorded_at, actor_name, amount_fen, funding_source, capital_kind)
    select ${org.tenantId}, md5('p' || g)::uuid, 'funding', make_date(${year}, 1, 1) + ((g * 7 + k * 29) % 330), now(), 'bench',
      (1 + (g * k) % 97) * 1000000::bigint,
      (array['outside_city_in_province','outside_province','abroad'])[1 + (g + k) % 3], (array['domestic','foreign'])[1 + (g + k) % 2]
    from generate_series(1, ${projects}) g, generate_series(1, ${funding}) k`.execute(db);
  await sql`
    insert into ledger_entry (tenant_id, project_id, kind, effective_on, recorded_at, actor_name, payload)
    select ${org.tenantId}, md5('p' || g)::uuid, 'progress', make_date(${year}, 1, 1) + ((g * 3 + k * 31) % 330), now(), 'bench',
      jsonb_build_object('current', '进展 ' || k)
    from generate_series(1, ${projects}) g, generate_series(1, ${rest - funding}) k`.execute(db);
  await sql`analyze project`.execute(db);
  await sql`analyze ledger_entry`.execute(db);
  const count = await sql<{ n: string }>`select count(*) as n from ledger_entry`.execute(db);
  return { entries: Number(count.rows[0]?.n ?? 0) };
}
