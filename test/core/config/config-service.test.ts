import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfigService, parseConfig } from '../../../electron/core/config/config-service.js';
import { tempDir } from '../../helpers/temp.js';

describe('config', () => {
  it('gives defaults when there is no file', () => {
    const svc = createConfigService(join(tempDir(), 'config.json'));
    expect(svc.get()).toMatchObject({ maxConcurrent: 2, defaultAgent: 'claude', permissionPolicy: 'ask' });
    expect(svc.error()).toBeNull();
  });

  it('names the bad field and keeps the previous valid config in force', () => {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, JSON.stringify({ maxConcurrent: 5 }));
    const svc = createConfigService(file);
    expect(svc.get().maxConcurrent).toBe(5);
    writeFileSync(file, JSON.stringify({ maxConcurrent: 'lots' }));
    svc.reload();
    expect(svc.get().maxConcurrent).toBe(5);
    expect(svc.error()).toMatch(/maxConcurrent/);
    writeFileSync(file, '{ not json');
    svc.reload();
    expect(svc.error()).toMatch(/not valid JSON/);
    expect(svc.get().maxConcurrent).toBe(5);
  });

  it('rejects unknown keys so typos do not pass silently', () => {
    const r = parseConfig(JSON.stringify({ maxConcurent: 3 }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/maxConcurent/);
  });

  it('picks up an edit without a restart', async () => {
    const file = join(tempDir(), 'config.json');
    writeFileSync(file, JSON.stringify({ maxConcurrent: 1 }));
    const svc = createConfigService(file, { watch: true });
    const changed = new Promise((resolve) => svc.onChange(resolve));
    writeFileSync(file, JSON.stringify({ maxConcurrent: 4 }));
    await changed;
    expect(svc.get().maxConcurrent).toBe(4);
    svc.dispose();
  });
});
