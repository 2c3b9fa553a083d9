/**
 * The desktop window's transport, in real Chromium: the built renderer, served from an origin that is
 * NOT the daemon's (as app://switchboard is not), with the app's own protocol handler and CSP, and a
 * stand-in for the preload's `window.switchboard` (daemon() answers the daemon's origin and token;
 * onOpenTask is main's "open this task"). The page must work against the daemon cross-origin: CORS
 * preflights, the bearer token, the events WebSocket. The daemon accepts that one stand-in origin (the
 * gate's `appOrigin`, app://switchboard in the app) and a page from any other origin gets nowhere.
 */
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../electron/host/serve.js';
import { APP_ORIGIN, createAppProtocolHandler } from '../../electron/main/app-protocol.js';
import type { DaemonAddress } from '../../shared/ipc.js';
import { launchChromium, openPage } from './support/browser.js';
import { ROOT } from './support/serve.js';

/** Serves out/renderer exactly as app:// does (same handler, same headers and CSP), on another origin. */
async function appStandIn(): Promise<{ server: Server; origin: string }> {
  const handle = createAppProtocolHandler(join(ROOT, 'out/renderer'));
  const server = createServer((req, res) => {
    void handle(new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method })).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What the preload exposes, played by an init script: daemon() as main answers it, onOpenTask kept for the test to call. */
async function withDesktopBridge(page: Page, address: DaemonAddress): Promise<void> {
  await page.addInitScript((a: DaemonAddress) => {
    const w = globalThis as unknown as { switchboard: unknown; __openTask: ((id: string) => void)[] };
    w.__openTask = [];
    w.switchboard = {
      daemon: async () => ({ ...a }),
      onOpenTask(listener: (id: string) => void) {
        w.__openTask.push(listener);
        return () => void (w.__openTask = w.__openTask.filter((l) => l !== listener));
      },
    };
  }, address);
}

describe('the desktop window against the daemon, cross-origin', () => {
  let home: string;
  let project: string;
  let app: { server: Server; origin: string };
  let stranger: { server: Server; origin: string };
  let daemon: Headless;
  let address: DaemonAddress;
  let browser: Browser;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'sb-e2e-desktop-'));
    project = mkdtempSync(join(tmpdir(), 'sb-e2e-project-'));
    writeFileSync(join(home, 'config.json'), JSON.stringify({ trustedRoots: [realpathSync(tmpdir())] }));
    [app, stranger, browser] = await Promise.all([appStandIn(), appStandIn(), launchChromium()]);
    // Tasks are placed by hand and not run: this is about the transport.
    daemon = await startHeadless({ home, port: 0, handleSignals: false, runTasks: false, log: () => {}, appOrigin: app.origin });
    address = { origin: new URL(daemon.info.url).origin, token: daemon.info.token };
    expect(address.origin).not.toBe(app.origin);
  });

  afterAll(async () => {
    await browser?.close();
    await daemon?.stop();
    app?.server.close();
    stranger?.server.close();
    for (const dir of [home, project]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the tasks, goes live, follows changes as they happen, and opens the task main asks for', async () => {
    const first = await daemon.core.call('tasks.create', { projectDir: project, prompt: 'Already there before the window opened' });
    const { page, errors } = await openPage(browser);
    const apiAnswers: { url: string; allowOrigin: string | undefined }[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/')) apiAnswers.push({ url: r.url(), allowOrigin: r.headers()['access-control-allow-origin'] });
    });
    await withDesktopBridge(page, address);
    await page.goto(`${app.origin}/index.html`);
    await page.getByRole('status', { name: /Connection: Live/ }).waitFor();
    await page.locator(`[data-task-id="${first.id}"]`).waitFor();

    // Live: a task created and then cancelled elsewhere shows up and moves without a reload.
    const second = await daemon.core.call('tasks.create', { projectDir: project, prompt: 'Created while the window is open' });
    const card = page.locator(`[data-task-id="${second.id}"]`);
    await card.waitFor();
    await daemon.core.call('tasks.cancel', { id: second.id });
    await expect.poll(() => card.getAttribute('data-column'), { timeout: 20_000 }).not.toBe('queued');

    // Main's "open this task" (tray, notification) opens it.
    await page.evaluate((id) => (globalThis as unknown as { __openTask: ((id: string) => void)[] }).__openTask.forEach((l) => l(id)), first.id);
    await page.getByRole('complementary', { name: `Task ${first.id}` }).waitFor();
    expect(page.url()).toContain(`#/tasks/${first.id}`);

    // Every contract call went to the daemon, cross-origin, and was let through by CORS for this origin.
    expect(apiAnswers.length).toBeGreaterThan(0);
    for (const a of apiAnswers) {
      expect(a.url.startsWith(`${address.origin}/api/`)).toBe(true);
      expect(a.allowOrigin).toBe(app.origin);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a page from any other origin gets nowhere, even with the token', async () => {
    const { page } = await openPage(browser, 'dark', [/./]);
    await withDesktopBridge(page, address);
    await page.goto(`${stranger.origin}/index.html`);
    const probe = (origin: string) =>
      page.evaluate(
        async ({ a }) => {
          const http = await fetch(`${a.origin}/api/tasks.list`, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: '{}' }).then(
            () => 'answered',
            () => 'blocked',
          );
          const ws = await new Promise<string>((resolve) => {
            const s = new WebSocket(`${a.origin.replace(/^http/, 'ws')}/api/events?token=${encodeURIComponent(a.token)}`);
            s.onopen = () => (s.close(), resolve('open'));
            s.onclose = () => resolve('refused');
          });
          return { http, ws, from: origin };
        },
        { a: address },
      );
    expect(await probe(stranger.origin)).toEqual({ http: 'blocked', ws: 'refused', from: stranger.origin });
    expect(await page.getByRole('status', { name: /Connection: Live/ }).count()).toBe(0);
    await page.context().close();

    // The same probe from the allowed origin gets through: the difference is the origin alone.
    const allowed = await openPage(browser);
    await withDesktopBridge(allowed.page, address);
    await allowed.page.goto(`${app.origin}/index.html`);
    const ok = await allowed.page.evaluate(async (a) => {
      const res = await fetch(`${a.origin}/api/tasks.list`, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: '{}' });
      return res.status;
    }, address);
    expect(ok).toBe(200);
    await allowed.page.context().close();
  });
});
