/**
 * Where a callback may be POSTed (issue 12): never to link-local or metadata addresses
 * (169.254.0.0/16, fe80::/10), to private ranges (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10)
 * only when config `callbackAllow` lists them (CIDRs or host names), to loopback always (local
 * orchestrators are the main user). Checked at intake on the URL's literal address, and again at
 * send time on every address the host resolves to, so DNS rebinding cannot slip past.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;
export const systemLookup: Lookup = (host) => dnsLookup(host, { all: true, verbatim: true });

type Kind = 'loopback' | 'link-local' | 'private' | 'unspecified' | 'public';

const kindOf = (addr: ipaddr.IPv4 | ipaddr.IPv6): Kind => {
  const a = addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() ? (addr as ipaddr.IPv6).toIPv4Address() : addr;
  const range = a.range();
  if (range === 'loopback') return 'loopback';
  if (range === 'linkLocal') return 'link-local';
  if (range === 'private' || range === 'uniqueLocal' || range === 'carrierGradeNat') return 'private';
  if (range === 'unspecified' || range === 'broadcast' || range === 'multicast' || range === 'reserved') return 'unspecified';
  return 'public';
};

const allowedBy = (allow: readonly string[], host: string, addr: ipaddr.IPv4 | ipaddr.IPv6): boolean =>
  allow.some((entry) => {
    if (entry.toLowerCase() === host.toLowerCase()) return true;
    if (!ipaddr.isValidCIDR(entry)) return ipaddr.isValid(entry) && ipaddr.process(entry).toString() === ipaddr.process(addr.toString()).toString();
    const [net, bits] = ipaddr.parseCIDR(entry);
    const a = ipaddr.process(addr.toString());
    return a.kind() === net.kind() && a.match(net, bits);
  });

/** Why `address` (what `host` resolved to) may not receive a callback, or null when it may. */
export function addressProblem(host: string, address: string, allow: readonly string[] = []): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const addr = ipaddr.parse(address);
  const kind = kindOf(addr);
  if (kind === 'loopback' || kind === 'public') return null;
  const shown = host === address ? address : `${host} (${address})`;
  if (kind === 'link-local') return `${shown} is a link-local address (169.254.0.0/16, fe80::/10: cloud metadata lives there); callbacks never go there`;
  if (kind === 'private' && allowedBy(allow, host, addr)) return null;
  const what = kind === 'private' ? 'a private-network address' : 'not a unicast address';
  return `${shown} is ${what}; list it (or its CIDR) in callbackAllow in config.json to allow callbacks there`;
}

/** The URL's host without IPv6 brackets. */
const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Intake check: the URL's host when it is a literal address. A host name is checked at send time,
 * on what it resolves to then (there is no synchronous DNS, and the answer may change anyway).
 */
export function callbackUrlProblem(url: string, allow: readonly string[] = []): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null; // the schema reports a malformed URL
  }
  const host = hostOf(u);
  return ipaddr.isValid(host) ? addressProblem(host, host, allow) : null;
}

/**
 * Send-time check: resolves the host and checks every address. Returns the address to connect to
 * (the connection is pinned to it, so a second, different DNS answer is never used), or the problem.
 */
export async function resolveCallbackHost(url: URL, allow: readonly string[], lookup: Lookup): Promise<{ address: string; family: number } | { problem: string }> {
  const host = hostOf(url);
  if (ipaddr.isValid(host)) {
    const problem = addressProblem(host, host, allow);
    return problem ? { problem } : { address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 };
  }
  let found: { address: string; family: number }[];
  try {
    found = await lookup(host);
  } catch (err) {
    return { problem: `cannot resolve ${host}: ${(err as Error).message}` };
  }
  if (!found.length) return { problem: `cannot resolve ${host}: no addresses` };
  for (const a of found) {
    const problem = addressProblem(host, a.address, allow);
    if (problem) return { problem };
  }
  return found[0];
}
