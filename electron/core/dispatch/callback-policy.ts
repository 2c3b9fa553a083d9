/**
 * Where completion callbacks may go (issue 12). A dispatch names its own callback_url, so without a
 * check a dispatch could make Switchboard POST to the cloud metadata service or into the private
 * network it runs in.
 *
 * - link-local addresses (169.254.0.0/16, fe80::/10, the metadata services) and unspecified,
 *   multicast or broadcast ones are always refused;
 * - loopback is allowed: local orchestrators are the main users;
 * - private ranges (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) are refused unless
 *   `callbackAllow` in config.json lists them (a CIDR like "10.0.0.0/8", an address, or a host name);
 * - everything else (public addresses) is allowed.
 *
 * The intake checks the URL as written; the sender checks every address a host name resolves to,
 * at each attempt, on the very address it connects to (so a DNS answer that changes in between
 * cannot sneak past).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Host names that always mean a cloud metadata service. */
const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal']);

const ALWAYS_REFUSED: Record<string, string> = {
  linkLocal: 'a link-local address (169.254.0.0/16 or fe80::/10, where cloud metadata services answer)',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  reserved: 'a reserved address',
};
const PRIVATE = new Set(['private', 'uniqueLocal', 'carrierGradeNat']);

/** Why an address may not receive callbacks, or null when it may. */
export function refusedAddress(address: string, allow: readonly string[] = []): string | null {
  if (!ipaddr.isValid(address)) return `"${address}" is not an IP address`;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === 'loopback') return null;
  if (ALWAYS_REFUSED[range]) return `${address} is ${ALWAYS_REFUSED[range]}`;
  if (PRIVATE.has(range) && !allowed(ip, allow)) {
    return `${address} is in a private range; add it (or its range, e.g. "10.0.0.0/8") to callbackAllow in config.json to allow callbacks there`;
  }
  return null;
}

function allowed(ip: ipaddr.IPv4 | ipaddr.IPv6, allow: readonly string[]): boolean {
  return allow.some((entry) => {
    try {
      if (ipaddr.isValidCIDR(entry)) {
        const [net, bits] = ipaddr.parseCIDR(entry);
        return net.kind() === ip.kind() && ip.match(net, bits);
      }
      if (ipaddr.isValid(entry)) return ipaddr.parse(entry).toNormalizedString() === ip.toNormalizedString();
    } catch {
      return false;
    }
    return false;
  });
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * The intake's check of a callback URL as written: an IP literal is classified, a metadata host
 * name refused, and a host name listed in callbackAllow skips the address check at send time too.
 */
export function refusedCallbackUrl(raw: string, allow: readonly string[] = []): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `"${raw}" is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http:// and https:// callbacks are sent, not ${url.protocol}`;
  const host = hostOf(url);
  if (METADATA_HOSTS.has(host)) return `${host} is a cloud metadata service`;
  if (ipaddr.isValid(host)) return refusedAddress(host, allow);
  return null;
}

/**
 * A dns lookup for http.request that refuses every resolved address the policy refuses, so the
 * check applies to the address actually connected to.
 */
export function guardedLookup(allow: readonly string[], lookup: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as unknown as LookupAddress[];
      const hostAllowed = allow.some((a) => a.toLowerCase() === hostname.toLowerCase());
      for (const a of list) {
        const why = hostAllowed ? null : refusedAddress(a.address, allow);
        if (why) {
          const refused = Object.assign(new Error(`callback to ${hostname} refused: it resolves to ${why}`), { code: 'ECALLBACKREFUSED' });
          return callback(refused, '', 4);
        }
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
      callback(null, first.address, first.family);
    });
  };
}
