import { describe, expect, it } from 'vitest';
import { AgentPatch } from '../../../../shared/models/settings.js';
import { agentDraft, agentFieldErrors, agentPatch, isSecretRow, newEnvRow } from '../../../../renderer/features/agents/agent-form.js';

const info = { command: 'claude', args: ['--print', '--verbose'], disabled: false };
const override = { env: { ANTHROPIC_API_KEY: { set: true }, HTTPS_PROXY: 'http://proxy:3128' } };

describe('the agent editor', () => {
  it('starts from what the core reports, with secret values absent', () => {
    const d = agentDraft(info, override);
    expect(d).toMatchObject({ command: 'claude', args: '--print\n--verbose', enabled: true });
    expect(d.env.map((r) => [r.key, r.value, r.secret, r.secretSet])).toEqual([
      ['ANTHROPIC_API_KEY', '', true, true],
      ['HTTPS_PROXY', 'http://proxy:3128', false, false],
    ]);
    expect(agentPatch(info, override, d)).toEqual({ patch: {}, errors: {} });
  });

  it('sends changed fields, env by key: set, replace a secret, remove', () => {
    const d = agentDraft(info, override);
    const [key, proxy] = d.env;
    const added = { ...newEnvRow(), key: 'EXTRA_TOKEN', value: 'tok' };
    const { patch, errors } = agentPatch(info, override, {
      command: ' /opt/claude ',
      args: '--print\n\n  --model \nopus\n',
      enabled: false,
      env: [{ ...key, replace: true, value: 'sk-new' }, added], // HTTPS_PROXY's row was removed
    });
    expect(errors).toEqual({});
    expect(patch).toEqual({ command: '/opt/claude', args: ['--print', '--model', 'opus'], disabled: true, env: { ANTHROPIC_API_KEY: 'sk-new', EXTRA_TOKEN: 'tok', HTTPS_PROXY: null } });
    expect(AgentPatch.parse(patch)).toEqual(patch);
    expect(isSecretRow(added)).toBe(true);
    expect(isSecretRow(proxy!)).toBe(false);
  });

  it('keeps a secret unless a new value is typed, and refuses an empty command or a duplicate name', () => {
    const d = agentDraft(info, override);
    expect(agentPatch(info, override, { ...d, env: d.env.map((r) => ({ ...r, replace: r.secret })) }).errors).toEqual({ 'env.ANTHROPIC_API_KEY': expect.stringMatching(/Type the new value/) });
    const dup = { ...newEnvRow(), key: 'HTTPS_PROXY', value: 'x' };
    const bad = agentPatch(info, override, { ...d, command: '  ', env: [...d.env, dup] });
    expect(bad.errors).toEqual({ command: expect.any(String), 'env.HTTPS_PROXY': expect.stringMatching(/twice/) });
  });

  it('re-enabling removes the disabled flag rather than writing false', () => {
    expect(agentPatch({ ...info, disabled: true }, undefined, { ...agentDraft({ ...info, disabled: true }, undefined), enabled: true }).patch).toEqual({ disabled: null });
  });

  it('places the core’s errors for this agent only', () => {
    expect(
      agentFieldErrors('my.agent', [
        { path: 'agents.my.agent.command', message: 'needs a command' },
        { path: 'patch.agents.my.agent.env.A-B', message: 'bad name' },
        { path: 'agents.myXagent.command', message: 'other' },
        { path: 'maxConcurrent', message: 'other' },
      ]),
    ).toEqual({ command: 'needs a command', 'env.A-B': 'bad name' });
  });
});
