import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHeadless, type HeadlessOptions } from '../../electron/host/serve.js';
import { readServerInfo } from '../../electron/host/server-info.js';
import { tempDir } from '../helpers/temp.js';
import { api } from './raw-http.js';

const start = (home: string, extra: Partial<HeadlessOptions> = {}) => {
  const lines: string[] = [];
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div>');
  return startHeadless({ home, port: 0, handleSignals: false, staticDir, log: (l) => lines.push(l), ...extra }).then((h) => ({ h, lines }));
};

describe('startHeadless', () => {
  it('writes server.json (mode 0600) with url, port, token and pid, prints the URL, and removes the file on stop', async () => {
    const home = tempDir();
    const { h, lines } = await start(home);
    const file = join(home, 'server.json');
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const info = JSON.parse(readFileSync(file, 'utf8'));
      expect(info).toEqual({ url: `http://127.0.0.1:${h.host.port}/`, port: h.host.port, token: h.host.token, pid: process.pid });
      expect(lines.join('\n')).toContain(`http://127.0.0.1:${h.host.port}/#token=${h.host.token}`);
      const status = await api(info.url, 'app.status', {}, { authorization: `Bearer ${info.token}` });
      expect(status.json()).toMatchObject({ mode: 'headless', home, pid: process.pid });
    } finally {
      await h.stop();
    }
    expect(existsSync(file)).toBe(false);
    await h.stopped;
  });

  it('keeps its token across restarts in <home>/token (mode 0600), so open pages are not stranded; removing the file rotates it', async () => {
    const home = tempDir();
    const first = await start(home);
    const token = first.h.host.token;
    await first.h.stop();
    const file = join(home, 'token');
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await start(home);
    try {
      expect(second.h.host.token).toBe(token);
    } finally {
      await second.h.stop();
    }
    rmSync(file);
    const third = await start(home);
    try {
      expect(third.h.host.token).not.toBe(token);
      expect(readFileSync(file, 'utf8').trim()).toBe(third.h.host.token);
    } finally {
      await third.h.stop();
    }
  });

  it('refuses a home that another live instance serves, and names it', async () => {
    const home = tempDir();
    const { h } = await start(home);
    try {
      await expect(start(home)).rejects.toThrow(`Switchboard is already running for ${home} (pid ${process.pid}, ${h.host.url})`);
      expect(readServerInfo(join(home, 'server.json'))?.token).toBe(h.host.token);
    } finally {
      await h.stop();
    }
  });

  it('takes over a stale server.json whose process is gone', async () => {
    const home = tempDir();
    const deadPid = spawnSync('true').pid;
    writeFileSync(join(home, 'server.json'), JSON.stringify({ url: 'http://127.0.0.1:1/', port: 1, token: 'old', pid: deadPid }));
    const { h } = await start(home);
    try {
      expect(readServerInfo(join(home, 'server.json'))).toMatchObject({ pid: process.pid, token: h.host.token });
    } finally {
      await h.stop();
    }
  });

  it('takes over a server.json whose pid is alive but does not answer (a reused pid)', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'server.json'), JSON.stringify({ url: 'http://127.0.0.1:1/', port: 1, token: 'old', pid: process.pid }));
    const { h } = await start(home);
    await h.stop();
  });

  it('with localOnly, refuses to listen on a non-loopback address and leaves nothing behind', async () => {
    const home = tempDir();
    await expect(start(home, { localOnly: true, bindHost: '0.0.0.0' })).rejects.toThrow('localOnly is set');
    expect(existsSync(join(home, 'server.json'))).toBe(false);
    // The store was closed: a new instance opens it.
    const { h } = await start(home);
    await h.stop();
  });

  it('reports a taken port in words', async () => {
    const home = tempDir();
    const { h } = await start(home);
    try {
      await expect(start(tempDir(), { port: h.host.port })).rejects.toThrow(`port ${h.host.port} on 127.0.0.1 is already in use`);
    } finally {
      await h.stop();
    }
  });
});
