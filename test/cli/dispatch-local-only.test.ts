import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startHeadless } from '../../electron/host/serve.js';
import { dispatchHarness, until } from '../core/dispatch/harness.js';
import { driveTo } from '../helpers/drive-task.js';

describe('serve --local-only', () => {
  it('reaches the core: a finished dispatch with a callback_url sends nothing', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cb`;

    const h = dispatchHarness({ noStart: true }); // lays out a home with trustedRoots and a project
    await h.dispose();
    const served = await startHeadless({ home: h.root, port: 0, localOnly: true, handleSignals: false, log: () => {} });
    onTestFinished(() => served.stop());
    const { core } = served;
    h.drop('x.json', h.doc('dispatch-local', { callback_url: url }));
    await until(() => core.store.tasks.get('dispatch-local') != null, 5000, 'intake');
    driveTo(core.transition, 'dispatch-local', 'queued', 'cancelled');
    const skipped = () => core.store.db.prepare("SELECT COUNT(*) FROM audit WHERE kind = 'callback.skipped'").pluck().get() as number;
    await until(() => skipped() === 1, 5000, 'the skipped callback');
    await new Promise((r) => setTimeout(r, 100));
    expect(hits).toBe(0);
  });
});
