/**
 * Remote hosts (issue 14): machines Switchboard reaches with the system OpenSSH client, so the user's
 * ~/.ssh/config, ssh-agent, ProxyJump, known_hosts and ControlMaster settings all apply.
 */
import { z } from 'zod';

export const HostName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a host name is letters, digits, ".", "-" or "_" (up to 64), starting with a letter or digit');

/** One `hosts` entry of config.json. */
export const HostConfig = z
  .object({
    /** `user@host`, `host`, or a Host alias from ~/.ssh/config. */
    ssh: z
      .string()
      .min(1)
      .regex(/^[^\s-][^\s]*$/, 'an ssh destination is user@host or a Host alias from ~/.ssh/config (no spaces, not starting with "-")'),
    port: z.number().int().min(1).max(65535).optional(),
    /** A private key file (`ssh -i`); unset: ssh-agent and ~/.ssh/config decide. */
    identityFile: z.string().min(1).optional(),
    /** More `-o` options, each "Key=Value" (e.g. "ProxyJump=bastion"). */
    sshOptions: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*=\S.*$/, 'an ssh option is Key=Value, as after `ssh -o`')).optional(),
    /** Paths on the host where projects may be. Unset: anything under the remote user's home. */
    trustedRoots: z.array(z.string().min(1)).optional(),
    /** Where task worktrees go on the host (default ~/.switchboard/worktrees). */
    worktreeRoot: z.string().min(1).optional(),
    /** The most tasks running on this host at once (default: no limit beyond maxConcurrent). */
    maxConcurrent: z.number().int().min(1).max(64).optional(),
  })
  .strict();
export type HostConfig = z.infer<typeof HostConfig>;

/** One check of `switchboard hosts test` / `doctor --host`. */
export const HostCheck = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });
export type HostCheck = z.infer<typeof HostCheck>;

export const HostInfo = z.object({ name: HostName, config: HostConfig });
export type HostInfo = z.infer<typeof HostInfo>;

export const HostTestResult = z.object({ name: HostName, ok: z.boolean(), checks: z.array(HostCheck) });
export type HostTestResult = z.infer<typeof HostTestResult>;
