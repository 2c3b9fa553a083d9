import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, redactText, secretEnvValues } from '../../electron/core/redact.js';

describe('redact', () => {
  it('hides known values, also JSON-escaped, and secret shapes, keeping the words around them', () => {
    const key = `sk-ant-api03-${'a1'.repeat(12)}`;
    const text = `auth failed for ${key} using ghp_${'x'.repeat(36)} and Bearer abc.def-123456; my"secret`;
    const out = redactText(JSON.stringify({ text }), ['my"secret']);
    expect(out).not.toContain(key);
    expect(out).not.toContain('ghp_x');
    expect(out).not.toContain('abc.def');
    expect(out).not.toContain('my\\"secret');
    expect(out).toContain(`auth failed for ${REDACTED}`);
    expect(out).toContain(`Bearer ${REDACTED}`);
    expect(JSON.parse(out).text).toContain('auth failed');
  });

  it('hides credentials in URLs and token parameters, but not the rest of the URL', () => {
    expect(redactText('POST https://bob:hunter22@example.com/cb?a=1&token=t0k3n-xyz#x')).toBe(`POST https://bob:${REDACTED}@example.com/cb?a=1&token=${REDACTED}#x`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'task dispatch-20261121T1200-ab12 failed: claude exited with code 1 (see run 3); key=value pairs are fine';
    expect(redactText(text)).toBe(text);
  });

  it('redacts values deep in audit data, and fields named like secrets', () => {
    const r = createRedactor(() => ['s3cr3t-value']);
    r.add('host-token-123');
    expect(r.value({ url: 'http://h/x?token=abcdef', nested: [{ msg: 'has s3cr3t-value and host-token-123' }], password: 'pw', key: 'dispatch-1@x' })).toEqual({
      url: `http://h/x?token=${REDACTED}`,
      nested: [{ msg: `has ${REDACTED} and ${REDACTED}` }],
      password: REDACTED,
      key: 'dispatch-1@x',
    });
  });

  it('takes the secret-named variables of an environment', () => {
    expect(secretEnvValues({ ANTHROPIC_API_KEY: 'sk-123456789', GITHUB_TOKEN: 'gh-abcdefgh', PATH: '/usr/bin:/bin', SHORT_TOKEN: 'x' }).sort()).toEqual(['gh-abcdefgh', 'sk-123456789']);
  });
});
