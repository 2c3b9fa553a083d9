import { describe, expect, it } from 'vitest';
import { cleanEnv } from '../../../electron/core/runners/clean-env.js';

const parent = {
  PATH: '/usr/bin',
  HOME: '/home/me',
  SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
  GIT_SSH_COMMAND: 'ssh -i ~/.ssh/deploy',
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
  SWITCHBOARD_HOME: '/home/me/.switchboard',
};

describe('cleanEnv (issue 12)', () => {
  it('keeps the SSH agent, GIT_SSH_COMMAND and the session bus from agents by default', () => {
    const env = cleanEnv({ agent: { env: {}, passEnv: [] }, dispatchId: 'dispatch-1', marker: 'k.dispatch-1', parent });
    expect(env.PATH).toBe('/usr/bin');
    expect(env.SSH_AUTH_SOCK).toBeUndefined();
    expect(env.GIT_SSH_COMMAND).toBeUndefined();
    expect(env.DBUS_SESSION_BUS_ADDRESS).toBeUndefined();
    expect(env.SWITCHBOARD_HOME).toBeUndefined();
    expect(env.SWITCHBOARD_DISPATCH_ID).toBe('dispatch-1');
    expect(env.SWITCHBOARD_RUN_MARKER).toBe('k.dispatch-1');
  });

  it('passes them when the agent’s definition asks for them', () => {
    const env = cleanEnv({ agent: { env: {}, passEnv: ['SSH_AUTH_SOCK', 'DBUS_SESSION_BUS_ADDRESS'] }, dispatchId: 'dispatch-1', marker: 'k.dispatch-1', parent });
    expect(env.SSH_AUTH_SOCK).toBe('/tmp/ssh-agent.sock');
    expect(env.DBUS_SESSION_BUS_ADDRESS).toBe('unix:path=/run/user/1000/bus');
    expect(env.GIT_SSH_COMMAND).toBeUndefined();
  });
});
