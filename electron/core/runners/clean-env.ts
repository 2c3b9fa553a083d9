/**
 * The environment an agent gets (invariant 6): the user's basics from an allowlist, the variables
 * its definition passes through (credentials, proxies), its own `env`, the dispatch id, and the run
 * marker that process control finds its escaped children by. Never Switchboard's own variables or secrets.
 */
import { MARKER } from './process-control/process-control.js';
import type { ResolvedAgent } from './runner.js';

const BASICS = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'LC_*', 'TZ', 'TMPDIR', 'TEMP', 'TMP',
  'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR',
  'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
  'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'EDITOR', 'VISUAL',
];
// Not basics (issue 12): SSH_AUTH_SOCK and GIT_SSH_COMMAND would let an agent use the user's SSH keys
// (push, log in to hosts), and DBUS_SESSION_BUS_ADDRESS reaches the desktop session (keyrings). An
// agent whose definition needs one names it in `passEnv`.

const matches = (name: string, patterns: readonly string[]): boolean =>
  patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));

/** Variables that must never reach an agent, whatever its definition says. */
const forbidden = (name: string): boolean => name.startsWith('SWITCHBOARD_') && name !== 'SWITCHBOARD_DISPATCH_ID';

export interface CleanEnvInput {
  agent: Pick<ResolvedAgent, 'env' | 'passEnv'>;
  dispatchId: string;
  /** SWITCHBOARD_RUN_MARKER: runMarker(homeKey, id) for this run's processes. */
  marker: string;
  /** The environment Switchboard itself runs with. */
  parent: NodeJS.ProcessEnv;
  /** Secret values (dispatch secret, host token): any variable holding one is dropped. */
  secrets?: (string | null | undefined)[];
}

export function cleanEnv({ agent, dispatchId, marker, parent, secrets = [] }: CleanEnvInput): Record<string, string> {
  const allow = [...BASICS, ...(agent.passEnv ?? [])];
  const secretValues = new Set(secrets.filter((s): s is string => !!s));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value != null && matches(name, allow) && !forbidden(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(agent.env ?? {})) if (!forbidden(name)) env[name] = value;
  for (const [name, value] of Object.entries(env)) if (secretValues.has(value)) delete env[name];
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.SWITCHBOARD_DISPATCH_ID = dispatchId;
  env.GSTACK_DISPATCH_ID = dispatchId;
  env[MARKER] = marker;
  return env;
}
