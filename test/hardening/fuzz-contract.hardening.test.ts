// Property-based tests over every contract input and the config loader: no crash, and a rejected
// input always gets an error that names the field.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/create-core.js';
import { AppError } from '../../electron/core/errors.js';
import { parseConfig } from '../../electron/core/config/config-service.js';
import { ERROR_CODES, REQUEST_NAMES, requests } from '../../shared/contract.js';
import { Config } from '../../shared/models/config.js';
import { record, scale } from './ledger.js';
import { tempDir } from '../helpers/temp.js';

const runs = scale(30, 400);

/** Values that look like the schema's fields but with hostile contents. */
const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom('../../etc/passwd', '/', '~/', '\u0000', 'dispatch-../../x', 'a'.repeat(10_000), '%s%n', '<script>', '${HOME}'),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue(), hostileString, fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined));

function inputFor(name: (typeof REQUEST_NAMES)[number]): fc.Arbitrary<unknown> {
  const schema = requests[name].input as unknown as { shape?: Record<string, unknown> };
  const keys = schema.shape ? Object.keys(schema.shape) : [];
  const objectish = keys.length
    ? fc.dictionary(fc.constantFrom(...keys, 'extra', '__proto__', 'constructor'), hostileValue, { maxKeys: keys.length + 2 })
    : fc.dictionary(fc.string(), hostileValue);
  return fc.oneof(objectish, fc.jsonValue(), fc.constant(undefined));
}

describe('fuzz: contract inputs', () => {
  const home = tempDir();
  mkdirSync(join(home, 'proj'));
  const core = createCore({ home });
  afterAll(() => core.dispose());

  it.each(REQUEST_NAMES.map((n) => [n]))('%s never crashes and names the bad field', async (name) => {
    let tried = 0;
    let passed = 0;
    await fc.assert(
      fc.asyncProperty(inputFor(name), async (input) => {
        tried++;
        try {
          await core.call(name, input);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          const e = err as AppError;
          expect(ERROR_CODES).toContain(e.code);
          expect(e.code).not.toBe('internal');
          if (e.code === 'invalid_input' && e.details) {
            for (const d of e.details) expect(e.message).toContain(d.path);
          }
          expect(e.message.length).toBeGreaterThan(10);
        }
        passed++;
      }),
      { numRuns: runs },
    );
    record({ suite: `fuzz ${name}`, tried, passed, lost: 0 });
  });
});

describe('fuzz: config loader', () => {
  it('accepts or explains every config.json', () => {
    const keys = Object.keys(Config.shape);
    let tried = 0;
    let passed = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.dictionary(fc.constantFrom(...keys, 'typo'), hostileValue).map((o) => JSON.stringify(o)),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
        ),
        (text) => {
          tried++;
          const r = parseConfig(text);
          if (!r.ok) {
            expect(r.error).toMatch(/config\.json (is not valid JSON|has invalid settings \(.+: .+\))/);
          }
          passed++;
        },
      ),
      { numRuns: runs * 5 },
    );
    record({ suite: 'fuzz config.json', tried, passed, lost: 0 });
  });
});
