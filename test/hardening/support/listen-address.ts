/** Where a TCP port is listening on this machine, read from the kernel (/proc/net/tcp and tcp6). */
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';

const hexToIpv4 = (hex: string): string => [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');

/** The local addresses of the LISTEN sockets on `port` ("127.0.0.1", "0.0.0.0", "ipv6:..."). */
export function listenAddresses(port: number): string[] {
  const out: string[] = [];
  for (const [file, v6] of [['/proc/net/tcp', false], ['/proc/net/tcp6', true]] as const) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A: LISTEN
      const [addr, portHex] = cols[1].split(':');
      if (parseInt(portHex, 16) !== port) continue;
      out.push(v6 ? `ipv6:${addr}` : hexToIpv4(addr));
    }
  }
  return out;
}

/** This machine's non-loopback IPv4 addresses (to try reaching a server from "outside"). */
export const externalIpv4 = (): string[] =>
  Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
