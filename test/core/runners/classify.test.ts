import { describe, expect, it } from 'vitest';
import { classifyExit, type ExitFacts } from '../../../electron/core/runners/classify.js';

const facts = (final: ExitFacts['final'], extra: Partial<ExitFacts> = {}): ExitFacts => ({
  exitCode: 1,
  signal: null,
  final,
  structured: true,
  tail: '',
  agentName: 'claude',
  ...extra,
});

describe('classifyExit headlines (issue 18, bug 7)', () => {
  it('an auth failure Claude marks as subtype "success" reads as a failure, with what to do', () => {
    const out = classifyExit(facts({ isError: true, subtype: 'success', text: 'Invalid API key · Please run /login', permissionDenials: 0 }));
    expect(out.errorType).toBe('auth');
    expect(out.error).toMatch(/^claude failed: Invalid API key/);
    expect(out.error).not.toContain('reported success');
    expect(out.error).toContain('then retry the task');
  });

  it('a rate limit is classified from the text, and an error subtype is still named', () => {
    expect(classifyExit(facts({ isError: true, subtype: 'success', text: 'API Error: 429 rate_limit_error', permissionDenials: 0 })).errorType).toBe('rate_limit');
    const maxTurns = classifyExit(facts({ isError: true, subtype: 'error_max_turns', text: null, permissionDenials: 0 }));
    expect(maxTurns.error).toBe('claude reported error_max_turns: error_max_turns');
  });
});
