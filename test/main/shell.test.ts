import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '../../shared/contract.js';
import { EVENT_CHANNEL, requestChannel, type IpcResult } from '../../shared/ipc.js';
import { APP_ENTRY_URL } from '../../electron/main/app-protocol.js';
import { FakeBrowserWindow } from './fake-electron.js';
import { startShell, tempDir, until } from './shell-harness.js';

describe('electron shell', () => {
  it('opens one locked-down window on app:// with a preload, and denies permissions but clipboard writes', async () => {
    const { win, calls, home, shell, daemons } = await startShell();
    // No daemon ran, so the shell started one and attached to it.
    expect(daemons.started).toHaveLength(1);
    expect(shell.link!.startedHere()).toBe(true);
    expect(shell.link!.info()).toMatchObject({ pid: process.pid, version: '0.1.0' });
    const prefs = win!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toMatch(/preload\.cjs$/);
    expect(win!.url).toBe(APP_ENTRY_URL);
    expect(win!.visible).toBe(true);
    expect(calls.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(calls.paths.userData).toBe(join(home, 'electron'));
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | null = null;
      calls.permissionRequest!(null, permission, (ok) => (granted = ok), { requestingUrl });
      return granted;
    };
    expect(ask('media', APP_ENTRY_URL)).toBe(false);
    expect(ask('notifications', APP_ENTRY_URL)).toBe(false);
    expect(ask('clipboard-read', APP_ENTRY_URL)).toBe(false);
    expect(ask('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true); // the terminal's Copy
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(calls.permissionCheck!(null, 'geolocation', 'app://switchboard')).toBe(false);
    expect(calls.permissionCheck!(null, 'clipboard-sanitized-write', 'app://switchboard')).toBe(true);
  });

  it('serves the renderer on app:// with a strict CSP', async () => {
    const { calls } = await startShell();
    const handler = calls.protocolHandlers.get('app')!;
    const res = await handler(new Request(APP_ENTRY_URL));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("default-src 'none'");
    expect(await res.text()).toContain('<!doctype html>');
  });

  it('refuses navigation to a foreign URL and keeps our own', async () => {
    const { win } = await startShell();
    expect(win!.webContents.navigate('https://evil.example/')).toBe(true);
    expect(win!.webContents.navigate('file:///etc/passwd')).toBe(true);
    expect(win!.webContents.navigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(win!.webContents.navigate('app://switchboard/index.html#/review')).toBe(false);
  });

  it('denies window.open, handing only https links to the OS browser', async () => {
    const { win, calls } = await startShell();
    const open = win!.webContents.openHandler!;
    expect(open({ url: 'https://github.com/x/y' })).toEqual({ action: 'deny' });
    expect(open({ url: 'http://example.com/' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(open({ url: 'app://switchboard/index.html' })).toEqual({ action: 'deny' });
    await new Promise((r) => setImmediate(r));
    expect(calls.openedExternal).toEqual(['https://github.com/x/y']);
  });

  it('registers one IPC handler per contract request', async () => {
    const { calls } = await startShell();
    expect([...calls.ipcHandlers.keys()].sort()).toEqual(REQUEST_NAMES.map(requestChannel).sort());
  });

  it('refuses IPC from a foreign frame, a sub-frame or a frame of no window of ours', async () => {
    const { win, invoke, project } = await startShell();
    const channel = requestChannel('tasks.create');
    const input = { projectDir: project, prompt: 'x' };
    const foreign = { url: 'https://evil.example/', parent: null };
    const sub = { url: 'app://switchboard/index.html', parent: win!.webContents.mainFrame };
    const stranger = { url: 'app://switchboard/index.html', parent: null };
    for (const frame of [foreign, sub, stranger, null]) {
      const r = (await invoke(channel, frame, input)) as IpcResult<unknown>;
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    // Our window's top frame after it navigated away (were that allowed) is refused too.
    win!.webContents.mainFrame.url = 'https://evil.example/';
    expect(await invoke(channel, win!.webContents.mainFrame, input)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('passes a valid call to the real core and answers its output', async () => {
    const { win, invoke, project } = await startShell();
    const frame = win!.webContents.mainFrame;
    const created = (await invoke(requestChannel('tasks.create'), frame, { projectDir: project, prompt: 'add tests', agent: 'claude' })) as IpcResult<{ id: string; state: string }>;
    expect(created).toMatchObject({ ok: true, value: { state: 'queued', prompt: 'add tests' } });
    const id = created.ok ? created.value.id : '';
    const listed = (await invoke(requestChannel('tasks.list'), frame, {})) as IpcResult<{ tasks: { id: string }[] }>;
    expect(listed.ok && listed.value.tasks.map((t) => t.id)).toEqual([id]);
    // ...and the core's event reached the window.
    const sent = win!.webContents.sent.filter((s) => s.channel === EVENT_CHANNEL).map((s) => s.args[0] as { name: string; payload: { task: { id: string } } });
    expect(sent.some((e) => e.name === 'task.changed' && e.payload.task.id === id)).toBe(true);
  });

  it('answers invalid input with an invalid_input result naming the field, never a throw', async () => {
    const { win, invoke, project } = await startShell();
    const r = (await invoke(requestChannel('tasks.create'), win!.webContents.mainFrame, { projectDir: project, prompt: '' })) as IpcResult<unknown>;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.details?.map((d) => d.path)).toContain('prompt');
    const notFound = (await invoke(requestChannel('tasks.get'), win!.webContents.mainFrame, { id: 'dispatch-nope' })) as IpcResult<unknown>;
    expect(notFound).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('hides the window on close and keeps running; Quit in the tray quits, and stops the idle daemon it started', async () => {
    const { win, app, calls, shell, core } = await startShell();
    expect(win!.close()).toBe(false);
    expect(win!.visible).toBe(false);
    expect(win!.isDestroyed()).toBe(false);
    app.emit('window-all-closed');
    expect(calls.quit).toBe(0);
    const { FakeTray } = await import('./fake-electron.js');
    const menu = FakeTray.instances[0].menu!.template as { label?: string; click?: () => void }[];
    menu.find((i) => i.label === 'Quit Switchboard')!.click!();
    expect(calls.quit).toBe(1);
    expect(win!.isDestroyed()).toBe(true);
    await shell.closed;
    await until(() => calls.exited, 'the second quit');
    expect(core!.store.db.open).toBe(false);
    expect(shell.tray).not.toBeNull();
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { win, app } = await startShell();
    win!.hide();
    const focusedBefore = win!.focused;
    app.emit('second-instance', {}, ['switchboard'], '/');
    expect(win!.visible).toBe(true);
    expect(win!.focused).toBe(focusedBefore + 1);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('quits at once, without a daemon or window, when another instance holds the lock', async () => {
    const { calls, shell, daemons } = await startShell({ gotLock: false });
    expect(shell.primary).toBe(false);
    expect(calls.quit).toBe(1);
    expect(shell.link).toBeNull();
    expect(daemons.started).toHaveLength(0);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('starts in the tray only with --hidden', async () => {
    const { win } = await startShell({ hidden: true });
    expect(win!.visible).toBe(false);
  });

  it('says why it cannot start (a home that is a file) and quits', async () => {
    const file = join(tempDir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const { calls, shell } = await startShell({ home: file });
    expect(shell.windows).toBeNull();
    expect(calls.errorBoxes[0].title).toBe('Switchboard could not start');
    expect(calls.errorBoxes[0].content).toContain(file);
    expect(calls.quit).toBeGreaterThan(0);
  });

  it('leaves the API to the daemon: the CLI reaches it through server.json, and it outlives the shell', async () => {
    const { home, shell, project } = await startShell();
    const info = JSON.parse(readFileSync(join(home, 'server.json'), 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) });
    expect(statSync(join(home, 'server.json')).mode & 0o777).toBe(0o600);
    const res = await fetch(new URL('api/tasks.create', info.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ projectDir: project, prompt: 'from the CLI' }),
    });
    expect(res.status).toBe(200);
    const { tasks } = await shell.link!.call('tasks.list', {});
    expect(tasks.map((t) => t.prompt)).toEqual(['from the CLI']);
    await shell.dispose();
    expect(existsSync(join(home, 'server.json'))).toBe(true);
    expect((await fetch(new URL('health', info.url))).ok).toBe(true);
  });

  it('attaches to the daemon already serving its home instead of starting one', async () => {
    const { shell, daemons, invoke, win } = await startShell({ daemonRunning: true });
    expect(daemons.started).toHaveLength(1);
    expect(shell.link!.startedHere()).toBe(false);
    const listed = (await invoke(requestChannel('tasks.list'), win!.webContents.mainFrame, {})) as IpcResult<{ tasks: unknown[] }>;
    expect(listed).toMatchObject({ ok: true, value: { tasks: [] } });
  });
});
