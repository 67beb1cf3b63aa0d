import { sql, type Kysely } from 'kysely';
import { makeAppendOnly } from '../append-only.ts';

/**
 * The coordination loop (协调推进): matters (协调事项) with an append-only history of
 * updates, escalations, re-assignments and outcomes; meetings (每周业务通气, 半月信息沟通,
 * 每月情况会商, 联席会议) with agenda, minutes and decisions; tasks assigned by decisions
 * (交办单) and reminders (催办单, append-only); inspections of units (督促检查); and the
 * coordination group's review of what units submit (报送审核) on leads and projects.
 *
 * Briefs read all of it as of a date, so every fact a brief uses is dated: matter facts
 * carry the date they were recorded, tasks the date they were closed, meetings the instant
 * they were recorded and cancelled.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table matter (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      project_id uuid references project(id),
      unit_id uuid not null references unit(id),
      owner_unit_id uuid not null references unit(id),
      title text not null check (length(title) between 1 and 200),
      description text not null default '',
      blocker_kind text not null check (blocker_kind in
        ('land', 'environment', 'power', 'road', 'water', 'approval', 'policy', 'funding', 'other')),
      blocks_stage text check (blocks_stage in ('negotiating', 'signed', 'settled', 'construction', 'production')),
      level text not null check (level in ('unit', 'coordination', 'joint')),
      status text not null check (status in ('open', 'resolved', 'closed')),
      deadline date not null,
      raised_on date not null,
      raised_by uuid references app_user(id),
      raised_by_name text not null,
      outcome text not null default '',
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index matter_tenant_status_idx on matter (tenant_id, status, level)`.execute(db);
  await sql`create index matter_project_idx on matter (project_id)`.execute(db);
  await sql`create index matter_owner_idx on matter (owner_unit_id, status)`.execute(db);

  // The matter's thread and history: every change of level, status, owner or deadline is a fact here,
  // effective on the (Asia/Shanghai) date it was recorded. `matter` keeps the current state for reads.
  await sql`
    create table matter_event (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenant(id),
      matter_id uuid not null references matter(id),
      kind text not null check (kind in
        ('raised', 'update', 'escalated', 'assigned', 'decision', 'resolved', 'closed')),
      effective_on date not null,
      recorded_at timestamptz not null,
      actor_id uuid references app_user(id),
      actor_name text not null,
      body text not null default '',
      level_to text check (level_to in ('unit', 'coordination', 'joint')),
      status_to text check (status_to in ('open', 'resolved', 'closed')),
      owner_unit_to uuid references unit(id),
      deadline_to date,
      payload jsonb not null default '{}'
    )`.execute(db);
  await sql`create index matter_event_matter_idx on matter_event (matter_id, id)`.execute(db);
  await sql`create index matter_event_tenant_idx on matter_event (tenant_id, kind, effective_on)`.execute(db);
  await makeAppendOnly(
    db,
    'matter_event',
    'the history of a matter is never changed: record an update instead',
  );

  await sql`
    create table meeting (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      kind text not null check (kind in ('weekly', 'semimonthly', 'monthly', 'joint')),
      held_on date not null,
      title text not null default '',
      location text not null default '',
      convener_id uuid references convener(id),
      attendee_unit_ids uuid[] not null default '{}',
      attendee_leaders text[] not null default '{}',
      agenda jsonb not null default '[]',
      minutes text not null default '',
      cancelled_at timestamptz,
      cancel_reason text not null default '',
      created_by uuid references app_user(id),
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (kind <> 'joint' or convener_id is not null)
    )`.execute(db);
  await sql`create index meeting_tenant_kind_idx on meeting (tenant_id, kind, held_on)`.execute(db);

  await sql`
    create table decision (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      meeting_id uuid not null references meeting(id),
      matter_id uuid references matter(id),
      text text not null check (length(text) between 1 and 2000),
      decided_on date not null,
      status text not null check (status in ('open', 'done')),
      done_on date,
      recorded_by uuid references app_user(id),
      recorded_by_name text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index decision_meeting_idx on decision (meeting_id)`.execute(db);
  await sql`create index decision_matter_idx on decision (matter_id)`.execute(db);

  // 交办单: one per unit and decision point, closed only with a result.
  await sql`
    create table task (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      decision_id uuid not null references decision(id),
      meeting_id uuid not null references meeting(id),
      unit_id uuid not null references unit(id),
      content text not null check (length(content) between 1 and 1000),
      deadline date not null,
      status text not null check (status in ('open', 'done')),
      result text not null default '',
      closed_on date,
      closed_at timestamptz,
      closed_by uuid references app_user(id),
      closed_by_name text,
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check ((status = 'done') = (closed_at is not null)),
      check (status = 'open' or length(result) > 0)
    )`.execute(db);
  await sql`create index task_unit_idx on task (unit_id, status)`.execute(db);
  await sql`create index task_decision_idx on task (decision_id)`.execute(db);
  await sql`create index task_tenant_idx on task (tenant_id, status, deadline)`.execute(db);

  // 催办单: issued to the unit holding an overdue task or matter; never changed.
  await sql`
    create table reminder (
      id bigint generated always as identity primary key,
      tenant_id uuid not null references tenant(id),
      task_id uuid references task(id),
      matter_id uuid references matter(id),
      unit_id uuid not null references unit(id),
      issued_on date not null,
      recorded_at timestamptz not null,
      actor_id uuid references app_user(id),
      actor_name text not null,
      deadline date not null,
      days_overdue integer not null check (days_overdue > 0),
      note text not null default '',
      check ((task_id is null) <> (matter_id is null))
    )`.execute(db);
  await sql`create index reminder_unit_idx on reminder (unit_id, issued_on)`.execute(db);
  await sql`create index reminder_task_idx on reminder (task_id)`.execute(db);
  await sql`create index reminder_matter_idx on reminder (matter_id)`.execute(db);
  await makeAppendOnly(db, 'reminder', 'reminders are never changed: issue another one instead');

  // 督促检查: scheduled, then done with findings and a score; optionally a rectification with a deadline.
  await sql`
    create table inspection (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenant(id),
      unit_id uuid not null references unit(id),
      scheduled_on date not null,
      topic text not null check (length(topic) between 1 and 200),
      status text not null check (status in ('scheduled', 'done')),
      inspected_on date,
      findings text not null default '',
      score integer check (score between 0 and 100),
      rectification_status text not null default 'none' check (rectification_status in ('none', 'pending', 'done')),
      rectification_requirement text not null default '',
      rectification_due date,
      rectification_report text not null default '',
      rectified_on date,
      created_by uuid references app_user(id),
      version integer not null default 1,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (status = 'scheduled' or (inspected_on is not null and score is not null)),
      check (rectification_status = 'none' or rectification_due is not null)
    )`.execute(db);
  await sql`create index inspection_unit_idx on inspection (unit_id, inspected_on)`.execute(db);
  await sql`create index inspection_tenant_idx on inspection (tenant_id, status, scheduled_on)`.execute(db);

  // Briefs name records as they were named on their date (a lead's title, a unit's name), from the
  // snapshots the audit log keeps of every write.
  await sql`create index audit_log_record_idx on audit_log (record_type, record_id, at)`.execute(db);

  // 报送审核: what unit staff submit may wait for the coordination group (a per-tenant setting).
  // Approved is final; `reviewed_at` dates the approval so briefs count an item from then.
  for (const table of ['project', 'lead']) {
    const t = sql.id(table);
    await sql`alter table ${t} add column review_status text not null default 'approved'
      check (review_status in ('pending', 'approved', 'refused'))`.execute(db);
    await sql`alter table ${t} add column review_reason text not null default ''`.execute(db);
    await sql`alter table ${t} add column reviewed_at timestamptz`.execute(db);
    await sql`alter table ${t} add column reviewed_by uuid references app_user(id)`.execute(db);
    await sql`create index ${sql.id(`${table}_review_idx`)} on ${t} (tenant_id) where review_status <> 'approved'`.execute(
      db,
    );
  }
}
