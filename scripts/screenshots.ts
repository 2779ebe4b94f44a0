/**
 * Screenshots of the web app's main views, for the README: `npm run screenshots`.
 *
 * Starts Parley in demo mode on a scratch data directory, signs in as the demo users through
 * the demo sign-in, and saves each view with Debian's Chromium into docs/screenshots/.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.ts';

interface DemoUser {
  userId: string;
  name: string;
  role: string;
  description: string;
}

interface Shot {
  file: string;
  role: string;
  /** Which of the role's demo users (default the first). */
  nth?: number;
  path: string;
  phone?: boolean;
  /** What to wait for and do before the picture. */
  prepare?: (page: Page) => Promise<void>;
}

const port = Number(process.env.PORT ?? 3310);
const base = `http://127.0.0.1:${port}`;
const out = join(process.cwd(), 'docs', 'screenshots');

const shots: Shot[] = [
  { file: 'inbox-order-conversation.png', role: 'buyer', path: '/', prepare: openFirstConversation },
  { file: 'seller-quick-replies.png', role: 'seller', path: '/', prepare: openFirstConversation },
  {
    file: 'notification-center.png',
    role: 'buyer',
    path: '/',
    prepare: async (page) => {
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await page.waitForTimeout(400);
    },
  },
  { file: 'preferences.png', role: 'buyer', path: '/preferences' },
  { file: 'seller-dashboard.png', role: 'seller', path: '/seller' },
  { file: 'operator-dashboard.png', role: 'operator', path: '/operator' },
  { file: 'moderation-queue.png', role: 'moderator', path: '/moderation' },
  { file: 'phone-conversation.png', role: 'buyer', path: '/', phone: true, prepare: openFirstConversation },
];

async function openFirstConversation(page: Page): Promise<void> {
  const first = page.getByRole('main').getByRole('link').filter({ hasText: /order|inquiry|dispute/i }).first();
  await first.click();
  await page.waitForTimeout(800);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-shots-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo'], {
    env: { ...process.env, PARLEY_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let browser: Browser | undefined;
  try {
    await waitUntilUp(server);
    const users = ((await (await fetch(`${base}/demo/users`)).json()) as { users: DemoUser[] }).users;
    mkdirSync(out, { recursive: true });
    browser = await launchBrowser();
    for (const shot of shots) {
      const user = users.filter((u) => u.role === shot.role)[shot.nth ?? 0];
      if (!user) throw new Error(`the demo has no ${shot.role}`);
      const { token } = (await (
        await fetch(`${base}/demo/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: user.userId }) })
      ).json()) as { token: string };
      const context = await browser.newContext(
        shot.phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } : { viewport: { width: 1280, height: 800 } },
      );
      const page = await context.newPage();
      await page.goto(`${base}/app${shot.path}#token=${encodeURIComponent(token)}`);
      await page.waitForLoadState('networkidle');
      await shot.prepare?.(page);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(out, shot.file) });
      process.stdout.write(`docs/screenshots/${shot.file}\n`);
      await context.close();
    }
  } finally {
    await browser?.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitUntilUp(server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`parley exited with ${server.exitCode}`);
    const up = await fetch(`${base}/ready`).then((r) => r.ok, () => false);
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('parley did not start within a minute');
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
