import { describe, expect, it } from 'vitest';
import { flagProblem, missingFlags } from '../../../electron/core/runners/agent-flags.js';

const codex = { command: 'codex', args: ['exec', '--json', '--full-auto', '{prompt}'], helpArgs: ['exec', '--help'] };

describe('agent flags against the installed CLI’s help', () => {
  it('names a flag the help no longer lists (codex 0.169 dropped --full-auto)', () => {
    const help = 'Usage: codex exec [OPTIONS]\n  --json  Print events\n  --sandbox <MODE>\n  --skip-git-repo-check\n';
    expect(missingFlags(help, codex.args)).toEqual(['--full-auto']);
    expect(flagProblem('codex', codex, help)).toMatch(/does not accept --full-auto/);
    expect(flagProblem('codex', { ...codex, args: ['exec', '--json'] }, help)).toBeNull();
  });
  it('concludes nothing from output that is not a help text (a wrapper that only prints a version)', () => {
    expect(flagProblem('codex', codex, 'fake 1.2.3\n')).toBeNull();
  });
});
