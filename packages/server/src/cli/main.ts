import { Command, Option } from 'commander';
import { fundsBases, roles } from '@landfall/domain';
import { readEnv, type Env } from '../env.ts';
import { DataFolderLockedError, DataFolderPermissionError } from '../db/data-folder.ts';
import { CliError } from './connection.ts';
import { serve } from './serve.ts';
import { readStdinSecret } from './read-secret.ts';
import {
  migrateCommand,
  setupCommand,
  userAddCommand,
  userDisableCommand,
  userEnableCommand,
  userUnlockCommand,
  userListCommand,
  userResetPasswordCommand,
  demoCommand,
  statsCommand,
  moneyMetrics,
  targetFinalizeCommand,
  targetSetCommand,
} from './commands.ts';
import { parseAmount } from '@landfall/domain/money';
import { briefCommand, briefKinds } from './brief-command.ts';
import { auditVerifyCommand } from './audit-command.ts';
import { backupCommand, dbRolesCommand, restoreCommand } from './db-commands.ts';
import { exportLedgerCommand, exportMonthlyCommand, importCommand } from './excel-commands.ts';

/** `landfall` — every command is a thin shell over the HTTP API (see connection.ts). */
const program = new Command('landfall')
  .description('Landfall 招商引资项目台账管理系统 — investment-promotion ledger')
  .showHelpAfterError();

const dataOption = () =>
  new Option('--data <dir>', 'data folder of the embedded database (default ./data, or LANDFALL_DATA_DIR)');
const jsonOption = () => new Option('--json', 'print JSON');
const envOf = (opts: { data?: string }): Env => readEnv(process.env, { dataDir: opts.data });

async function passwordFrom(opts: { passwordStdin?: boolean }): Promise<string> {
  if (!opts.passwordStdin)
    throw new CliError(
      '请用 --password-stdin 从标准输入提供密码 / pass the password on stdin with --password-stdin',
    );
  const password = await readStdinSecret();
  if (!password) throw new CliError('标准输入中没有密码 / no password on stdin');
  return password;
}

program
  .command('serve')
  .description('start the web server (what `npm start` runs)')
  .addOption(dataOption())
  .option('--port <n>', 'port (default 3000, or LANDFALL_PORT)', (v) => Number.parseInt(v, 10))
  .option('--host <host>', 'address to listen on (default 127.0.0.1, or LANDFALL_HOST)')
  .action(async (opts: { data?: string; port?: number; host?: string }) => {
    await serve(envOf(opts), { port: opts.port, host: opts.host });
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts: { data?: string; json?: boolean }) => migrateCommand(envOf(opts), !!opts.json));

program
  .command('setup')
  .description('first-run setup: the top tenant and its system administrator')
  .requiredOption('--tenant <name>', 'tenant name, e.g. 万州区')
  .requiredOption('--division <code>', 'GB/T 2260 code, e.g. 500101')
  .requiredOption('--admin <username>', 'administrator username')
  .option('--display-name <name>', 'administrator display name')
  .option('--password-stdin', 'read the administrator password from standard input')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) =>
    setupCommand(envOf(opts), {
      tenant: opts.tenant,
      division: opts.division,
      admin: opts.admin,
      displayName: opts.displayName,
      password: await passwordFrom(opts),
      json: !!opts.json,
    }),
  );

program
  .command('demo')
  .description(
    'first run with a lived-in demo district (演示数据); every demo account gets the password given',
  )
  .option('--password-stdin', 'read the password for the demo accounts from standard input')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) => demoCommand(envOf(opts), await passwordFrom(opts), !!opts.json));

program
  .command('stats')
  .description('figures of the project library, as of today or a past date (amounts in 万元)')
  .option('--as-of <date>', 'YYYY-MM-DD (Asia/Shanghai)')
  .option(
    '--known-on <date>',
    '统计时点：按该日结束时（或 ISO 时刻）已登记的数据 / as known at the end of that day (YYYY-MM-DD) or at an ISO instant',
  )
  .option('--tenant <name>', 'tenant name or division code (default: every tenant)')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) =>
    statsCommand(envOf(opts), {
      asOf: opts.asOf,
      knownOn: opts.knownOn,
      tenant: opts.tenant,
      json: !!opts.json,
    }),
  );

const metricChoices = [
  'funds-in-place',
  'agreed-investment',
  'projects-signed',
  'projects-started',
  'projects-over100m-signed',
];
const metricOf = (v: string) => v.replace(/-/g, '_');

/** Money as people write it (120亿, 3,500万元, 12000000元) → fen; counts as plain integers. */
function parseTargetAmount(text: string, metric: string): number {
  if (!moneyMetrics.includes(metric)) {
    if (!/^\d+$/.test(text.trim()))
      throw new CliError(`数量应为整数 / a count must be a whole number: ${text}`);
    return Number(text.trim());
  }
  const result = parseAmount(text, 'yuan');
  if (!result.ok) throw new CliError(`金额无法识别 / cannot read the amount “${text}” (${result.problem})`);
  return result.fen;
}

const target = program
  .command('target')
  .description('yearly targets (目标任务) and their breakdown to units');

target
  .command('set')
  .description("set a draft target total, or one unit's share with --unit (amounts accept 元/万元/亿元)")
  .requiredOption('--year <yyyy>', 'year', (v) => Number.parseInt(v, 10))
  .addOption(new Option('--metric <metric>', 'metric').choices(metricChoices).default('funds-in-place'))
  .addOption(new Option('--basis <basis>', '口径 of funds in place').choices([...fundsBases]).default('all'))
  .requiredOption('--amount <amount>', 'e.g. 120亿, 35000万, 12')
  .option('--unit <name>', 'responsible unit')
  .option('--tenant <name>', 'tenant name or division code (default: the top tenant)')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) => {
    const metric = metricOf(opts.metric);
    await targetSetCommand(envOf(opts), {
      year: opts.year,
      metric,
      basis: metric === 'funds_in_place' ? opts.basis : 'all',
      amount: parseTargetAmount(opts.amount, metric),
      unit: opts.unit,
      tenant: opts.tenant,
      json: !!opts.json,
    });
  });

target
  .command('finalize')
  .description('下达: finalise a draft whose breakdown adds up')
  .requiredOption('--year <yyyy>', 'year', (v) => Number.parseInt(v, 10))
  .addOption(new Option('--metric <metric>', 'metric').choices(metricChoices).default('funds-in-place'))
  .addOption(new Option('--basis <basis>', '口径').choices([...fundsBases]).default('all'))
  .option('--tenant <name>', 'tenant name or division code')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) => {
    const metric = metricOf(opts.metric);
    await targetFinalizeCommand(envOf(opts), {
      year: opts.year,
      metric,
      basis: metric === 'funds_in_place' ? opts.basis : 'all',
      tenant: opts.tenant,
      json: !!opts.json,
    });
  });

const user = program.command('user').description('manage accounts');

user
  .command('add')
  .description('create an account')
  .requiredOption('--username <name>', 'login name')
  .addOption(new Option('--role <role>', 'role').choices([...roles]).makeOptionMandatory())
  .option('--display-name <name>', 'display name')
  .option('--unit <name>', 'responsible unit (required for unit_staff)')
  .option('--tenant <name>', 'tenant name or division code (default: the top tenant)')
  .option('--password-stdin', 'read the password from standard input')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) =>
    userAddCommand(envOf(opts), {
      username: opts.username,
      role: opts.role,
      displayName: opts.displayName,
      unit: opts.unit,
      tenant: opts.tenant,
      password: await passwordFrom(opts),
      json: !!opts.json,
    }),
  );

user
  .command('disable <username>')
  .description('disable an account and end its sessions')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (username: string, opts) => userDisableCommand(envOf(opts), username, !!opts.json));

user
  .command('enable <username>')
  .description('enable an account again (also one disabled for being idle)')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (username: string, opts) => userEnableCommand(envOf(opts), username, !!opts.json));

user
  .command('unlock <username>')
  .description('clear the failed logins that make an account wait (no administrator needed)')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (username: string, opts) => userUnlockCommand(envOf(opts), username, !!opts.json));

user
  .command('reset-password <username>')
  .description('set a new password, to be changed at first login (ends the account’s sessions)')
  .option('--password-stdin', 'read the new password from standard input')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (username: string, opts) =>
    userResetPasswordCommand(envOf(opts), username, await passwordFrom(opts), !!opts.json),
  );

user
  .command('list')
  .description('list accounts')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) => userListCommand(envOf(opts), !!opts.json));

const repeat = (value: string, previous: string[] = []) => [...previous, value];

program
  .command('import <file>')
  .description('导入项目台账 / import a project ledger (.xlsx, .xls, .csv in UTF-8 or GBK): all rows or none')
  .option(
    '--dry-run',
    '只检查并显示文件布局与结果，不写入 / check the file, show its layout and what would happen; write nothing',
  )
  .option(
    '--create-units',
    '创建文件中尚不存在的责任单位 / create the responsible units the file names that do not exist yet',
  )
  .option(
    '--cut-off <date>',
    '截止日期 YYYY-MM-DD（覆盖文件所写）/ the cut-off date, over what the file says',
  )
  .option(
    '--amount-unit <unit>',
    '金额单位 元|万元|亿元（优先于文件所注）/ the amount unit, over what the file says (yuan|wan|yi)',
  )
  .option(
    '--sheet <name>',
    '只导入此工作表（名称或从 1 起的序号，可重复；all = 全部项目表，含隐藏表；默认：全部可见项目表）/ import this sheet (name or 1-based position, repeatable; all = every project sheet, hidden ones too; default: every visible project sheet)',
    repeat,
  )
  .option('--unit <name>', '未写责任单位的行归入此已有单位 / the existing unit for rows that name none')
  .option(
    '--stage <stage>',
    '未写阶段的行的阶段（在谈、签约、开工… 或 negotiating、signed…）/ the stage of rows that give none',
  )
  .option(
    '--stage-label <label=stage>',
    '表中阶段写法，如 在建=construction 或 在建=开工（可重复）/ how the file writes a stage (repeatable)',
    repeat,
  )
  .option(
    '--mapping <file.json>',
    '列映射：[{"column":1,"field":"name"}] 或 {"B":"name","协议投资额（万元）":"agreedInvestment"} / column → field mapping',
  )
  .addOption(
    new Option(
      '--baseline',
      '基线：按台账中的日期计入（上线时导入历史台账；空辖区的首次导入默认如此）/ entries known on their own dates (go-live history)',
    ).conflicts('late'),
  )
  .addOption(
    new Option(
      '--late',
      '补录：按导入时登记计入，下期简报列为补录（已有数据时的默认）/ entries known now, listed as 补录 in the next brief',
    ).conflicts('baseline'),
  )
  .option(
    '--usd-rate <rate>',
    '文件中美元金额（万美元）折人民币的汇率，如 7.1 / yuan per US dollar for amounts the file gives in USD, e.g. 7.1',
  )
  .option(
    '--tenant <name>',
    '辖区名称或行政区划代码（默认：最上级）/ tenant name or division code (default: the top tenant)',
  )
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (file: string, opts) =>
    importCommand(envOf(opts), file, {
      dryRun: !!opts.dryRun,
      json: !!opts.json,
      createUnits: !!opts.createUnits,
      cutOff: opts.cutOff,
      tenant: opts.tenant,
      sheets: opts.sheet,
      unit: opts.unit,
      stage: opts.stage,
      stageLabels: opts.stageLabel,
      mapping: opts.mapping,
      amountUnit: opts.amountUnit,
      usdRate: opts.usdRate,
      entries: opts.baseline ? 'baseline' : opts.late ? 'late' : undefined,
    }),
  );

const exportCmd = program.command('export').description('export the Excel tables offices hand in');
exportCmd
  .command('ledger')
  .description('the project ledger (推进台账), as of today or a past date')
  .requiredOption('--out <file>', 'the .xlsx to write')
  .option('--as-of <date>', 'YYYY-MM-DD (Asia/Shanghai)')
  .option(
    '--known-on <date>',
    '统计时点：按该日结束时（或 ISO 时刻）已登记的数据 / as known at the end of that day (YYYY-MM-DD) or at an ISO instant',
  )
  .option('--tenant <name>', 'only this 区县 (tenant name or division code); default every tenant')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) =>
    exportLedgerCommand(envOf(opts), {
      out: opts.out,
      asOf: opts.asOf,
      knownOn: opts.knownOn,
      tenant: opts.tenant,
      json: !!opts.json,
    }),
  );
exportCmd
  .command('monthly')
  .description('the monthly statistics of funds in place by unit (月度统计表)')
  .requiredOption('--month <month>', 'YYYY-MM')
  .requiredOption('--out <file>', 'the .xlsx to write')
  .option(
    '--known-on <date>',
    '统计时点：按该日结束时（或 ISO 时刻）已登记的数据 / as known at the end of that day (YYYY-MM-DD) or at an ISO instant',
  )
  .option('--tenant <name>', 'tenant name or division code')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) =>
    exportMonthlyCommand(envOf(opts), {
      out: opts.out,
      month: opts.month,
      knownOn: opts.knownOn,
      tenant: opts.tenant,
      json: !!opts.json,
    }),
  );

program
  .command('brief')
  .description('the brief (简报) of a meeting kind as of a date: .docx in the official layout, or .xlsx')
  .addOption(new Option('--kind <kind>', 'kind of meeting').choices([...briefKinds]).makeOptionMandatory())
  .requiredOption('--date <date>', 'the meeting date, YYYY-MM-DD (Asia/Shanghai)')
  .requiredOption('--out <file>', 'the file to write (.docx or .xlsx)')
  .addOption(new Option('--format <format>', 'file format (default: from --out)').choices(['docx', 'xlsx']))
  .option('--tenant <name>', 'tenant name or division code (default: the top tenant)')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) =>
    briefCommand(envOf(opts), {
      kind: opts.kind,
      date: opts.date,
      out: opts.out,
      format: opts.format,
      tenant: opts.tenant,
      json: !!opts.json,
    }),
  );

const audit = program.command('audit').description('the audit log and the ledger');
audit
  .command('verify')
  .description('校验: check the audit and ledger hash chains; exits 1 naming the first broken link')
  .option('--tenant <name>', 'tenant name or division code (default: every tenant)')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts) => auditVerifyCommand(envOf(opts), { tenant: opts.tenant, json: !!opts.json }));
program
  .command('backup')
  .description('write one consistent copy of the whole database, with its SHA-256, while the server runs')
  .requiredOption('--out <file>', 'the backup file to write')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (opts: { out: string; data?: string; json?: boolean }) =>
    backupCommand(envOf(opts), { out: opts.out, json: !!opts.json }),
  );

program
  .command('restore <file>')
  .description('check a backup’s checksum, then load it into an empty data folder or PostgreSQL database')
  .addOption(dataOption())
  .addOption(jsonOption())
  .action(async (file: string, opts: { data?: string; json?: boolean }) =>
    restoreCommand(envOf(opts), { file, json: !!opts.json }),
  );

const dbCmd = program.command('db').description('PostgreSQL roles (row-level security)');
dbCmd
  .command('roles')
  .description(
    'as the owner role (DATABASE_MIGRATION_URL): migrate, then create the application role (owns nothing, NOBYPASSRLS) and its grants',
  )
  .requiredOption('--app-user <name>', 'the role DATABASE_URL will log in as, e.g. landfall_app')
  .option('--password-stdin', 'set the role password from standard input')
  .addOption(jsonOption())
  .action(async (opts: { appUser: string; passwordStdin?: boolean; json?: boolean }) =>
    dbRolesCommand(readEnv(), {
      appUser: opts.appUser,
      password: opts.passwordStdin ? await passwordFrom(opts) : undefined,
      json: !!opts.json,
    }),
  );

export async function runCli(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (
      err instanceof CliError ||
      err instanceof DataFolderLockedError ||
      err instanceof DataFolderPermissionError
    ) {
      console.error(`landfall: ${err.message}`);
      process.exit(err instanceof CliError ? err.exitCode : 2);
    }
    console.error(err);
    process.exit(1);
  }
}
