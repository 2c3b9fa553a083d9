import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, isAppUrl } from '../../electron/main/app-protocol.js';
import { tempDir } from './shell-harness.js';

function setup() {
  const root = tempDir();
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {}');
  writeFileSync(join(dir, 'assets', 'app.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'top secret');
  return createAppProtocolHandler(dir);
}
const get = (handler: ReturnType<typeof setup>, url: string, method = 'GET') => handler({ url, method } as Request);

describe('app:// protocol', () => {
  it('serves files with their type and the security headers', async () => {
    const h = setup();
    const js = await get(h, 'app://switchboard/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(h, 'app://switchboard/assets/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
    const root = await get(h, 'app://switchboard/');
    expect(await root.text()).toBe('<!doctype html>');
    const head = await get(h, 'app://switchboard/index.html', 'HEAD');
    expect(head.status).toBe(200);
  });

  it('refuses path traversal, however it is spelled', async () => {
    const h = setup();
    for (const url of ['app://switchboard/..%2fsecret.txt', 'app://switchboard/assets/..%2f..%2fsecret.txt', 'app://switchboard/..%5csecret.txt', 'app://switchboard/%00index.html']) {
      const res = await get(h, url);
      expect(res.status, url).toBe(403);
    }
    // The URL parser folds plain ../ away; what is left stays inside the renderer folder.
    expect((await get(h, 'app://switchboard/../secret.txt')).status).toBe(404);
  });

  it('answers 404 for a missing file, a directory, or another host; 405 for writes', async () => {
    const h = setup();
    expect((await get(h, 'app://switchboard/nope.js')).status).toBe(404);
    expect((await get(h, 'app://switchboard/assets')).status).toBe(404);
    expect((await get(h, 'app://elsewhere/index.html')).status).toBe(404);
    expect((await get(h, 'app://switchboard/index.html', 'POST')).status).toBe(405);
  });

  it('recognises only our own origin', () => {
    expect(isAppUrl('app://switchboard/index.html#/x')).toBe(true);
    expect(isAppUrl('app://switchboard.evil/index.html')).toBe(false);
    expect(isAppUrl('https://switchboard/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
