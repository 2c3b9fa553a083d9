import { join } from 'node:path';
import { BUILTIN_AGENTS } from '../../../electron/core/runners/builtin-agents.js';
import { ROOT } from './serve.js';

const FAKE_CLAUDE = join(ROOT, 'test/fixtures/fake-claude.mjs');

/** Three agents for best-of-N groups (the fake claude each), each answering a prompt its own way first. */
export const GROUP_AGENTS = {
  alpha: { ...BUILTIN_AGENTS.claude, command: FAKE_CLAUDE, env: { FAKE_CLAUDE_SCRIPT: 'write answer.txt alpha says 1\nwrite only-alpha.txt from alpha' } },
  beta: { ...BUILTIN_AGENTS.claude, command: FAKE_CLAUDE, env: { FAKE_CLAUDE_SCRIPT: 'write answer.txt beta says 2\nwrite only-beta.txt from beta' } },
  gamma: { ...BUILTIN_AGENTS.claude, command: FAKE_CLAUDE, env: { FAKE_CLAUDE_SCRIPT: 'write answer.txt gamma says 3' } },
};
