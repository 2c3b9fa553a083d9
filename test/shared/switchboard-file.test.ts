import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SwitchboardFile, switchboardJsonSchema } from '../../shared/models/switchboard-file.js';

describe('switchboard.json', () => {
  it('the committed JSON Schema is the one the zod schema gives (run `npm run schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync(join(import.meta.dirname, '../../shared/schema/switchboard.schema.json'), 'utf8'));
    expect(committed).toEqual(switchboardJsonSchema());
    expect(Object.keys(committed.properties)).toEqual(expect.arrayContaining(['setup', 'teardown', 'run', 'copyFiles', 'baseBranch', 'applyMode', 'github']));
  });

  it('accepts the documented keys and names a bad one', () => {
    expect(SwitchboardFile.parse({ setup: 'npm ci', github: { repo: 'acme/shop' } })).toMatchObject({ setup: 'npm ci', setupTimeoutSeconds: 600, github: { repo: 'acme/shop' } });
    const bad = SwitchboardFile.safeParse({ setup: 'npm ci', github: { repo: 'not a repo' }, sertup: 'typo' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.') || i.message).join(' ')).toMatch(/github\.repo/);
    expect(bad.error!.issues.map((i) => i.message).join(' ')).toMatch(/sertup/);
  });
});
