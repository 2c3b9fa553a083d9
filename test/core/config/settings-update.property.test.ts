import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/core/config/config-service.js';
import { createCore } from '../../../electron/core/create-core.js';
import { AppError } from '../../../electron/core/errors.js';
import { tempDir } from '../../helpers/temp.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const secret = fc.constantFrom('S3CRET-a', 'S3CRET-b');

/** Patches that are sometimes valid and sometimes not, some carrying secrets. */
const patchArb = fc.record(
  {
    maxConcurrent: maybe(fc.integer({ min: -2, max: 80 })),
    trustedRoots: maybe(fc.array(fc.constantFrom('/code', '~/work', 'relative/x', ''), { maxLength: 3 })),
    dispatchSecret: maybe(secret),
    permissionPolicy: fc.constantFrom('ask', 'allow-all', 'sometimes'),
    localOnly: fc.boolean(),
    agents: fc.dictionary(
      fc.constantFrom('claude', 'mine'),
      maybe(
        fc.record(
          {
            command: maybe(fc.constantFrom('x', '/bin/true', '')),
            // Only a secret-looking name holds a secret; a plain variable is shown as it is.
            env: fc.record({ API_KEY: maybe(secret), PLAIN: maybe(fc.constant('plain')) }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('settings.update, any patch', () => {
  it('either saves a valid config.json (0600, applied, secrets never returned) or changes nothing', async () => {
    const home = tempDir();
    const file = join(home, 'config.json');
    const core = createCore({ home, userHome: home });
    let saved = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(patchArb, async (patch) => {
        let before: string | null = null;
        try {
          before = readFileSync(file, 'utf8');
        } catch {}
        const result = await core.call('settings.update', { patch }).then(
          (view) => ({ view }),
          (err: unknown) => ({ err }),
        );
        if ('view' in result) {
          saved++;
          expect(JSON.stringify(result.view)).not.toContain('S3CRET');
          const text = readFileSync(file, 'utf8');
          const parsed = parseConfig(text);
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(parsed.config).toEqual(core.config.get());
          if (text !== before) expect(statSync(file).mode & 0o777).toBe(0o600);
        } else {
          refused++;
          expect(result.err).toBeInstanceOf(AppError);
          expect((result.err as AppError).code).toBe('invalid_input');
          expect((result.err as AppError).message).not.toContain('S3CRET');
          expect(before === null ? null : readFileSync(file, 'utf8')).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
    expect(saved).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
    expect(JSON.stringify(core.store.db.prepare('SELECT * FROM audit').all())).not.toContain('S3CRET');
    await core.dispose();
  });
});
