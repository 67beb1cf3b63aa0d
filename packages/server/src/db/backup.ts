import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * Backup and restore (issue 12 item 14): a logical copy of every table, the same on PGlite and
 * PostgreSQL (a backup of one restores into the other). NDJSON, one line each:
 *   {"format":"landfall-backup","version":1,...,"migrations":[...],"tables":[...]}   the header
 *   {"table":"unit","rows":[{...},{...}]}                                            rows, in batches
 *   {"sha256":"<hex>"}                                                               the trailer
 * Rows are each table's `row_to_json` (PostgreSQL's own text forms: exact timestamps, numerics,
 * bytea as hex), read in one REPEATABLE READ transaction, so the copy is one consistent instant
 * while the server keeps running. The trailer is the SHA-256 of every byte before it; restore
 * checks it before writing anything.
 */
export const BACKUP_FORMAT = 'landfall-backup';
const BATCH = 500;
/** The migrator's own bookkeeping: the restoring database records the migrations it ran. */
const skipped = new Set(['schema_migration', 'schema_migration_lock']);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
type Db = Kysely<any>;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  engine: string;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

/** The public tables, parents before the tables that reference them. */
export async function tablesInOrder(db: Db): Promise<string[]> {
  const tables = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')
      order by c.relname`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((t) => !skipped.has(t));
  const edges = (
    await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace`.execute(db)
  ).rows;
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string) => {
    if (state.get(t)) return; // done, or a cycle (a self-reference): rows keep their stored order
    state.set(t, 'visiting');
    for (const e of edges) if (e.child === t && e.parent !== t && tables.includes(e.parent)) visit(e.parent);
    state.set(t, 'done');
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order;
}

/** Writes the backup as lines to `write`; returns the header. Consistent: one REPEATABLE READ snapshot. */
export async function writeBackup(
  db: Db,
  engine: string,
  write: (chunk: string) => void | Promise<void>,
  now = new Date(),
): Promise<BackupHeader> {
  const hash = createHash('sha256');
  const emit = async (line: string) => {
    const text = `${line}\n`;
    hash.update(text);
    await write(text);
  };
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const tables = await tablesInOrder(trx);
      const counts: { name: string; rows: number }[] = [];
      for (const name of tables) {
        const r = await sql<{ n: string }>`select count(*) as n from ${sql.id(name)}`.execute(trx);
        counts.push({ name, rows: Number(r.rows[0]!.n) });
      }
      const migrations = (
        await sql<{ name: string }>`select name from schema_migration order by name`.execute(trx)
      ).rows.map((r) => r.name);
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: 1,
        createdAt: now.toISOString(),
        engine,
        migrations,
        tables: counts,
      };
      await emit(JSON.stringify(header));
      for (const { name, rows } of counts) {
        if (rows === 0) continue;
        await sql`declare landfall_backup no scroll cursor for
          select row_to_json(t)::text as row from ${sql.id(name)} t`.execute(trx);
        for (;;) {
          const batch = await sql<{
            row: string;
          }>`fetch ${sql.raw(String(BATCH))} from landfall_backup`.execute(trx);
          if (batch.rows.length === 0) break;
          await emit(`{"table":${JSON.stringify(name)},"rows":[${batch.rows.map((r) => r.row).join(',')}]}`);
        }
        await sql`close landfall_backup`.execute(trx);
      }
      await write(`${JSON.stringify({ sha256: hash.digest('hex') })}\n`);
      return header;
    });
}

export class BackupError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh}\n${en}`);
    this.name = 'BackupError';
  }
}

/** Checks the file's checksum and header; returns the header and the row lines. Writes nothing. */
export function verifyBackup(bytes: Buffer): { header: BackupHeader; lines: string[] } {
  const text = bytes.toString('utf8');
  const body = text.replace(/\n?$/, '\n');
  const cut = body.lastIndexOf('\n', body.length - 2);
  const content = body.slice(0, cut + 1);
  let trailer: { sha256?: unknown };
  try {
    trailer = JSON.parse(body.slice(cut + 1)) as { sha256?: unknown };
  } catch {
    trailer = {};
  }
  if (typeof trailer.sha256 !== 'string') {
    throw new BackupError(
      '备份文件不完整（缺少校验和）',
      'The backup file is incomplete (no checksum at its end)',
    );
  }
  const actual = createHash('sha256').update(content).digest('hex');
  if (actual !== trailer.sha256) {
    throw new BackupError(
      `备份文件校验失败（SHA-256 应为 ${trailer.sha256}，实为 ${actual}），文件已损坏或被改动，未恢复任何数据`,
      `The backup file fails its checksum (SHA-256 should be ${trailer.sha256}, is ${actual}): it is damaged or was changed; nothing was restored`,
    );
  }
  const lines = content.split('\n').filter((l) => l !== '');
  const header = JSON.parse(lines[0] ?? '{}') as BackupHeader;
  if (header.format !== BACKUP_FORMAT || header.version !== 1) {
    throw new BackupError('这不是 Landfall 备份文件', 'This is not a Landfall backup file');
  }
  return { header, lines: lines.slice(1) };
}

/**
 * Loads a verified backup into a migrated database that holds no tenant yet (the reference data
 * its migrations seeded is replaced by the backup's). One transaction: all or nothing. User
 * triggers (append-only guards) are set aside while loading, as the owner may.
 */
export async function restoreBackup(db: Db, backup: { header: BackupHeader; lines: string[] }) {
  await db.transaction().execute(async (trx) => {
    const present = await sql<{ n: string }>`select count(*) as n from tenant`.execute(trx);
    if (Number(present.rows[0]!.n) > 0) {
      throw new BackupError(
        '目标数据库不是空的（已有区域），恢复只能写入空目录或空数据库',
        'The target database is not empty (it has tenants): restore only into an empty folder or database',
      );
    }
    const tables = await tablesInOrder(trx);
    const known = new Set(tables);
    const unknown = backup.header.tables.filter((t) => t.rows > 0 && !known.has(t.name));
    if (unknown.length) {
      throw new BackupError(
        `备份中有本版本没有的数据表：${unknown.map((t) => t.name).join(', ')}`,
        `The backup has tables this version lacks: ${unknown.map((t) => t.name).join(', ')}`,
      );
    }
    // A superuser (PGlite's, a PostgreSQL superuser) loads without triggers or foreign-key checks.
    await sql`savepoint landfall_replica`.execute(trx);
    const replica = await sql`set local session_replication_role = replica`
      .execute(trx)
      .then(() => true)
      .catch(() => false);
    await sql
      .raw(replica ? 'release savepoint landfall_replica' : 'rollback to savepoint landfall_replica')
      .execute(trx);
    if (!replica) {
      for (const t of tables) await sql`alter table ${sql.id(t)} disable trigger user`.execute(trx);
    }
    for (const t of [...tables].reverse()) await sql`delete from ${sql.id(t)}`.execute(trx);
    const columns = new Map<string, string[]>();
    for (const t of tables) {
      const r = await sql<{ name: string }>`
        select attname as name from pg_attribute
        where attrelid = ${t}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
        order by attnum`.execute(trx);
      columns.set(
        t,
        r.rows.map((c) => c.name),
      );
    }
    for (const line of backup.lines) {
      const { table, rows } = JSON.parse(line) as { table: string; rows: unknown[] };
      const cols = sql.join((columns.get(table) ?? []).map((c) => sql.id(c)));
      await sql`
        insert into ${sql.id(table)} (${cols}) overriding system value
        select ${cols} from json_populate_recordset(null::${sql.id(table)}, ${JSON.stringify(rows)}::json)`.execute(
        trx,
      );
    }
    // Identity columns continue after the restored rows.
    const sequences = await sql<{ table: string; column: string; seq: string }>`
      select c.relname as table, a.attname as column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
      from pg_attribute a join pg_class c on c.oid = a.attrelid
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r' and a.attnum > 0
        and not a.attisdropped and pg_get_serial_sequence(quote_ident(c.relname), a.attname) is not null`.execute(
      trx,
    );
    for (const s of sequences.rows) {
      await sql`select setval(${s.seq}, coalesce((select max(${sql.id(s.column)}) from ${sql.id(s.table)}), 0) + 1, false)`.execute(
        trx,
      );
    }
    if (!replica) {
      for (const t of tables) await sql`alter table ${sql.id(t)} enable trigger user`.execute(trx);
    }
  });
}
