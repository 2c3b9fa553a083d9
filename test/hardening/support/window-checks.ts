/**
 * The Electron window's security, asserted on what the real shell does (test/main's fake electron and
 * shell harness): webPreferences, the app:// CSP and confinement, navigation and window-open guards,
 * permissions, and the sender check of the one IPC channel (daemon(), which hands out the token).
 */
import { DAEMON_CHANNEL, type DaemonAddress, type IpcResult } from '../../../shared/ipc.js';
import { APP_ENTRY_URL } from '../../../electron/main/app-protocol.js';
import { FakeEvent } from '../../main/fake-electron.js';
import { startShell } from '../../main/shell-harness.js';

type Check = (name: string, ok: boolean, seen?: unknown) => void;

export async function checkWindow(check: Check): Promise<void> {
  const { win, calls, invoke } = await startShell();
  if (!win) return check('a window exists', false);
  const prefs = win.options.webPreferences as Record<string, unknown>;
  const want = { contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
    webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false };
  for (const [k, v] of Object.entries(want)) check(`webPreferences.${k} is ${v}`, prefs[k] === v, prefs[k]);
  check('a preload is set', typeof prefs.preload === 'string' && /preload/.test(prefs.preload as string), prefs.preload);
  check('content comes from app://, not file://', win.url === APP_ENTRY_URL, win.url);

  // The CSP on what app:// serves, and nothing outside the renderer folder.
  const serve = calls.protocolHandlers.get('app')!;
  for (const url of [APP_ENTRY_URL, 'app://switchboard/assets/app.js']) {
    const csp = (await serve(new Request(url))).headers.get('content-security-policy') ?? '';
    const script = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    check(`CSP of ${url}: default-src 'none'`, csp.includes("default-src 'none'"), csp);
    check(`CSP of ${url}: scripts only from self, no inline, no eval`, script.trim() === "'self'", script);
    for (const d of ["object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"]) check(`CSP of ${url}: ${d}`, csp.includes(d), csp);
    const connect = (/connect-src ([^;]*)/.exec(csp)?.[1] ?? '').trim().split(/\s+/);
    check(`CSP of ${url}: connections only to self and the daemon on loopback`, connect.every((c) => ["'self'", 'http://127.0.0.1:*', 'ws://127.0.0.1:*'].includes(c)), connect);
  }
  for (const url of ['app://switchboard/../../../../etc/passwd', 'app://switchboard/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 'app://switchboard/assets/..%2f..%2f..%2f..%2fetc%2fpasswd', 'app://other/index.html']) {
    const res = await serve(new Request(url));
    const body = res.status === 200 ? await res.text() : '';
    check(`app:// refuses ${url}`, res.status !== 200 || (!body.includes('root:') && body.includes('<!doctype html>')), `${res.status} ${body.slice(0, 40)}`);
  }

  // Navigation: only our own origin, in the window and in any frame; no <webview>.
  for (const url of ['https://evil.example/', 'http://127.0.0.1:1/', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,hi', 'app://evil/index.html']) {
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      const e = new FakeEvent(url);
      win.webContents.emit(event, e, url);
      check(`${event} to ${url} is prevented`, e.defaultPrevented);
    }
  }
  check('navigation inside app:// is allowed', !win.webContents.navigate('app://switchboard/index.html#/tasks'));
  const webview = new FakeEvent();
  win.webContents.emit('will-attach-webview', webview, {}, {});
  check('<webview> is refused', webview.defaultPrevented);

  // window.open: always denied; only vetted https links reach the OS browser.
  const open = win.webContents.openHandler!;
  const tried = ['https://github.com/ok', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pw@evil.example/', 'smb://host/share', 'app://switchboard/index.html'];
  for (const url of tried) check(`window.open(${url}) is denied`, open({ url }).action === 'deny');
  await new Promise((r) => setImmediate(r));
  check('only the https link went to the OS browser', JSON.stringify(calls.openedExternal) === JSON.stringify(['https://github.com/ok']), calls.openedExternal);

  // Permissions: none but clipboard writes from our origin.
  const ask = (permission: string, requestingUrl: string) => {
    let granted: boolean | null = null;
    calls.permissionRequest!(null, permission, (ok) => (granted = ok), { requestingUrl });
    return granted;
  };
  for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'midi', 'openExternal', 'fullscreen']) check(`permission ${p} is denied`, ask(p, APP_ENTRY_URL) === false);
  check('clipboard writes from elsewhere are denied', ask('clipboard-sanitized-write', 'https://evil.example/') === false);

  // IPC: one channel, daemon(); it refuses a foreign frame, a sub-frame, a frame of no window of ours, and no frame.
  check('main handles only the daemon() channel (no contract request)', JSON.stringify([...calls.ipcHandlers.keys()]) === JSON.stringify([DAEMON_CHANNEL]), [...calls.ipcHandlers.keys()]);
  const frames = [
    { url: 'https://evil.example/', parent: null },
    { url: APP_ENTRY_URL, parent: win.webContents.mainFrame },
    { url: APP_ENTRY_URL, parent: null },
    null,
  ];
  let refused = 0;
  for (const frame of frames) {
    const r = (await invoke(DAEMON_CHANNEL, frame)) as IpcResult<DaemonAddress>;
    if (!r.ok && r.error.code === 'unauthorized') refused++;
  }
  check('daemon() refuses foreign senders', refused === frames.length, `${refused} of ${frames.length} refused`);
  const ours = (await invoke(DAEMON_CHANNEL, win.webContents.mainFrame)) as IpcResult<DaemonAddress>;
  check('our own window is answered', ours.ok, ours);
}
