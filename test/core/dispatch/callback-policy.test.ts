import type { LookupAddress, lookup } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { guardedLookup, refusedAddress, refusedCallbackUrl } from '../../../electron/core/dispatch/callback-policy.js';

describe('callback address policy (issue 12)', () => {
  it('refuses link-local and metadata addresses always, in any spelling', () => {
    for (const a of ['169.254.169.254', '169.254.0.1', 'fe80::1', '::ffff:169.254.169.254', '0.0.0.0', '224.0.0.1']) expect(refusedAddress(a), a).not.toBeNull();
    expect(refusedAddress('169.254.169.254', ['169.254.0.0/16'])).toMatch(/link-local/); // not even when listed
    expect(refusedCallbackUrl('http://169.254.169.254/latest/meta-data/')).toMatch(/link-local/);
    expect(refusedCallbackUrl('http://[fe80::1]:8080/hook')).toMatch(/link-local/);
    expect(refusedCallbackUrl('http://metadata.google.internal/computeMetadata/v1/')).toMatch(/metadata/);
  });

  it('allows loopback and public addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '8.8.8.8', '2606:4700::1111']) expect(refusedAddress(a), a).toBeNull();
    expect(refusedCallbackUrl('http://127.0.0.1:9999/hook')).toBeNull();
    expect(refusedCallbackUrl('https://ci.example.com/hooks/switchboard')).toBeNull(); // a name: checked when resolved
  });

  it('refuses private ranges unless callbackAllow lists them', () => {
    for (const a of ['10.1.2.3', '172.16.0.9', '192.168.1.20', '100.64.0.1', 'fd00::5']) expect(refusedAddress(a), a).toMatch(/callbackAllow/);
    expect(refusedAddress('10.1.2.3', ['10.0.0.0/8'])).toBeNull();
    expect(refusedAddress('192.168.1.20', ['192.168.1.20'])).toBeNull();
    expect(refusedAddress('192.168.1.21', ['192.168.1.20'])).not.toBeNull();
    expect(refusedAddress('fd00::5', ['fd00::/8'])).toBeNull();
  });

  it('checks every address a host name resolves to, at connect time', async () => {
    const fakeDns = (answers: LookupAddress[]) =>
      ((_host: string, _opts: unknown, cb: (err: Error | null, a: LookupAddress[]) => void) => cb(null, answers)) as unknown as typeof lookup;
    const resolve = (answers: LookupAddress[], allow: string[] = []) =>
      new Promise<{ err: (Error & { code?: string }) | null; address: string }>((r) =>
        guardedLookup(allow, fakeDns(answers))('hooks.example', {}, (err, address) => r({ err, address: address as string })),
      );
    const rebound = await resolve([{ address: '93.184.216.34', family: 4 }, { address: '169.254.169.254', family: 4 }]);
    expect(rebound.err?.code).toBe('ECALLBACKREFUSED');
    expect(rebound.err?.message).toMatch(/hooks\.example refused: it resolves to 169\.254\.169\.254/);
    expect((await resolve([{ address: '10.0.0.7', family: 4 }])).err?.code).toBe('ECALLBACKREFUSED');
    expect(await resolve([{ address: '10.0.0.7', family: 4 }], ['10.0.0.0/8'])).toEqual({ err: null, address: '10.0.0.7' });
    expect(await resolve([{ address: '127.0.0.1', family: 4 }])).toEqual({ err: null, address: '127.0.0.1' });
  });
});
