import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Browser tests: Debian's Chromium (never a downloaded browser) against the
 * built app served by `landfall serve` on a fresh embedded data folder.
 */
const port = Number(process.env.E2E_PORT ?? 3917);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'landfall-e2e-'));
process.env.E2E_DATA_DIR = dataDir;
/** A second server on its own folder, for the demo district (demo loading needs a fresh install). */
const demoDataDir = process.env.E2E_DEMO_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'landfall-e2e-demo-'));
process.env.E2E_DEMO_DATA_DIR = demoDataDir;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: '../test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [dataDir, demoDataDir].map((dir, i) => ({
    command: `node ../packages/server/bin/landfall.js serve --port ${port + i} --data ${dir}`,
    url: `http://127.0.0.1:${port + i}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { DATABASE_URL: '', LANDFALL_LOG_LEVEL: 'warn' },
  })),
});
