import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DAEMON_CHANNEL, type DaemonAddress, type IpcResult } from '../../shared/ipc.js';
import { APP_ENTRY_URL } from '../../electron/main/app-protocol.js';
import { daemonAddress } from '../../electron/main/ipc.js';
import { ApiError } from '../../renderer/api/api-error.js';
import { FakeBrowserWindow } from './fake-electron.js';
import { askDaemon, startShell, tempDir, until, windowClient } from './shell-harness.js';

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

  it('serves the renderer on app:// with a strict CSP that reaches only the daemon on loopback', async () => {
    const { calls } = await startShell();
    const handler = calls.protocolHandlers.get('app')!;
    const res = await handler(new Request(APP_ENTRY_URL));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("default-src 'none'");
    expect(/connect-src ([^;]*)/.exec(csp)![1].split(' ')).toEqual(["'self'", 'http://127.0.0.1:*', 'ws://127.0.0.1:*']);
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

  it('handles one IPC channel, daemon(): main answers no contract request and forwards no event', async () => {
    const s = await startShell();
    expect([...s.calls.ipcHandlers.keys()]).toEqual([DAEMON_CHANNEL]);
    const info = s.shell.link!.info()!;
    const answer = await askDaemon(s);
    expect(answer).toEqual({ ok: true, value: { origin: new URL(info.url).origin, token: info.token } });
    expect(answer.ok && answer.value.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The page's own client reaches the daemon with that answer: requests over HTTP, events over its socket.
    const { client, api } = await windowClient(s);
    expect(client.runsIn).toBe('desktop');
    const seen: string[] = [];
    client.onEvent((e) => {
      if (e.name === 'task.changed') seen.push(e.payload.task.id);
    });
    await until(() => client.connection().status === 'open', 'the event socket to open');
    const task = await api['tasks.create']({ projectDir: s.project, prompt: 'add tests', agent: 'claude' });
    expect(task).toMatchObject({ state: 'queued', prompt: 'add tests' });
    expect((await api['tasks.list']({})).tasks.map((t) => t.id)).toEqual([task.id]);
    await until(() => seen.includes(task.id), 'the task.changed event over the socket');
    // Nothing went to the window over IPC: main is off the request and event path.
    expect(s.win!.webContents.sent).toEqual([]);
    // All main sends is "open this task" (tray, notifications): the page's client gives it as 'ui.open-task'.
    const opened: string[] = [];
    client.onEvent((e) => {
      if (e.name === 'ui.open-task') opened.push(e.payload.taskId);
    });
    s.shell.windows!.show(task.id);
    expect(opened).toEqual([task.id]);
  });

  it("gives the window the daemon's own errors, with the field that is wrong", async () => {
    const s = await startShell();
    const { api } = await windowClient(s);
    const err = (await api['tasks.create']({ projectDir: s.project, prompt: '' }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid_input');
    expect(err.fieldError('prompt')).toBeTruthy();
    await expect(api['tasks.get']({ id: 'dispatch-nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('answers daemon() with an error a person can act on while not connected, or for a daemon off loopback', () => {
    expect(daemonAddress(null)).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/not connected/) } });
    expect(daemonAddress({ url: 'http://10.1.2.3:7420/', token: 't' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/10\.1\.2\.3:7420.*127\.0\.0\.1/) } });
    expect(daemonAddress({ url: 'http://127.0.0.1:7420/', token: 't' })).toEqual({ ok: true, value: { origin: 'http://127.0.0.1:7420', token: 't' } });
  });

  it('refuses daemon() to a foreign frame, a sub-frame or a frame of no window of ours, and keeps the token from them', async () => {
    const { win, invoke, logs } = await startShell();
    const foreign = { url: 'https://evil.example/', parent: null };
    const sub = { url: 'app://switchboard/index.html', parent: win!.webContents.mainFrame };
    const stranger = { url: 'app://switchboard/index.html', parent: null };
    for (const frame of [foreign, sub, stranger, null]) {
      const r = (await invoke(DAEMON_CHANNEL, frame)) as IpcResult<DaemonAddress>;
      expect(r).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(JSON.stringify(r)).not.toMatch(/token|127\.0\.0\.1/);
    }
    // Our window's top frame after it navigated away (were that allowed) is refused too.
    win!.webContents.mainFrame.url = 'https://evil.example/';
    expect(await invoke(DAEMON_CHANNEL, win!.webContents.mainFrame)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(logs.filter((l) => l.startsWith('refused daemon()'))).toHaveLength(5);
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
    const s = await startShell({ daemonRunning: true });
    expect(s.daemons.started).toHaveLength(1);
    expect(s.shell.link!.startedHere()).toBe(false);
    const { api } = await windowClient(s);
    expect(await api['tasks.list']({})).toMatchObject({ tasks: [] });
  });
});
