/**
 * ssh's own failures (exit 255), as sentences that name the host and say what to do. ssh prints
 * them on stderr; anything else is the remote command's own error.
 */
export type SshFailureKind = 'unreachable' | 'auth' | 'host_key' | 'bad_key' | 'connection_lost';

const PATTERNS: { kind: SshFailureKind; re: RegExp }[] = [
  { kind: 'host_key', re: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key for .* has changed|No (?:ED25519|RSA|ECDSA|\w+) host key is known/i },
  { kind: 'bad_key', re: /Load key .*: (?:invalid format|bad permissions|error in libcrypto)|UNPROTECTED PRIVATE KEY FILE|no such identity: .*: No such file/i },
  { kind: 'auth', re: /Permission denied \(|Too many authentication failures|Authentication failed/i },
  {
    kind: 'connection_lost',
    re: /client_loop: send disconnect|Connection to .* closed by remote host|Timeout, server .* not responding|Broken pipe|Connection reset by peer|mux_client_read_packet|Control socket connect.*: Connection refused/i,
  },
  {
    kind: 'unreachable',
    re: /Could not resolve hostname|Connection refused|Connection timed out|Operation timed out|No route to host|Network is unreachable|kex_exchange_identification|Connection closed by .* port|banner exchange/i,
  },
];

/** What kind of ssh failure stderr describes, or null when it is not one. */
export function sshFailureKind(stderr: string, exitCode: number | null): SshFailureKind | null {
  if (exitCode !== 255 && exitCode !== null) return null;
  for (const p of PATTERNS) if (p.re.test(stderr)) return p.kind;
  return null;
}

const lastLines = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Warning: Permanently added/.test(l))
    .slice(-2)
    .join(' ');

/** A readable sentence for an ssh failure of `host` (destination `dest`). */
export function describeSshFailure(host: string, dest: string, kind: SshFailureKind, stderr: string): string {
  const said = lastLines(stderr);
  switch (kind) {
    case 'unreachable':
      return `host ${host} (${dest}) is unreachable: ${said}. Check that it is up, its name and port, and that \`ssh ${dest}\` works from this machine`;
    case 'auth':
      return `host ${host} (${dest}) refused the login: ${said}. Check the user, identityFile or your ssh-agent, and the key in the host's ~/.ssh/authorized_keys`;
    case 'host_key':
      return `host ${host} (${dest}): its host key is unknown or does not match known_hosts (${said}). Connect once with \`ssh ${dest}\` and check the fingerprint; Switchboard never turns host-key checking off`;
    case 'bad_key':
      return `host ${host} (${dest}): the identity file cannot be used (${said}). Check identityFile's path and that it is mode 0600`;
    case 'connection_lost':
      return `the connection to host ${host} (${dest}) was lost: ${said}`;
  }
}
