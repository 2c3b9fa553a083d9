import { describe, expect, it } from 'vitest';
import { cleanEnv } from '../../../electron/core/runners/clean-env.js';

const parent = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
  GIT_SSH_COMMAND: 'ssh -i ~/.ssh/deploy',
  DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus',
};

describe('cleanEnv', () => {
  it('keeps the SSH agent, GIT_SSH_COMMAND and the session D-Bus away from an agent that does not ask for them', () => {
    const env = cleanEnv({ agent: { env: {} }, dispatchId: 'dispatch-x', parent });
    expect(env).toMatchObject({ PATH: '/usr/bin', HOME: '/home/u', SWITCHBOARD_DISPATCH_ID: 'dispatch-x' });
    for (const name of ['SSH_AUTH_SOCK', 'GIT_SSH_COMMAND', 'DBUS_SESSION_BUS_ADDRESS']) expect(env).not.toHaveProperty(name);
  });

  it('passes them when the definition lists them in passEnv', () => {
    const env = cleanEnv({ agent: { env: {}, passEnv: ['SSH_AUTH_SOCK', 'GIT_SSH_COMMAND', 'DBUS_SESSION_BUS_ADDRESS'] }, dispatchId: 'd', parent });
    expect(env).toMatchObject({ SSH_AUTH_SOCK: '/tmp/ssh-agent.sock', GIT_SSH_COMMAND: 'ssh -i ~/.ssh/deploy', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' });
  });
});
