/** The compatibility matrix of the conformance suite, as a plain-text table. */
export const STEPS = ['install', 'agents', 'flags', 'run', 'permission', 'diff', 'resume', 'approve', 'cancel', 'usage', 'mcp', 'typed', 'done'];

const cell = (s) => (!s ? '-' : s.ok === true ? 'pass' : s.ok === null ? 'n/a' : s.known ? 'known' : 'FAIL');

export function renderMatrix(rows, { network }) {
  const header = ['agent', 'version', 'transport', ...STEPS, 'seconds'];
  const body = rows.map((r) => (r.note ? [r.agent, '-', r.transport, r.note] : [r.agent, r.version, r.transport, ...STEPS.map((k) => cell(r.steps[k])), String(r.seconds)]));
  const widths = header.map((h, i) => Math.max(h.length, ...body.filter((b) => b.length === header.length).map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c)).join('  ');
  const failures = [
    ...rows.filter((r) => r.retried?.length).map((r) => `  ${r.agent}: ran twice; the first attempt failed ${r.retried.join(', ')} (the numbers above are the second attempt's)`),
    ...rows.flatMap((r) => Object.entries(r.steps).filter(([, s]) => s.why).map(([k, s]) => `  ${r.agent} ${k}${s.ok === true ? ' (passed, note)' : s.known ? ` (known failure: ${s.known})` : ''}: ${s.why}`)),
  ];
  return [
    `Agent conformance (${new Date().toISOString()}; network: ${network}; "-" = not applicable)`,
    line(header),
    ...body.map(line),
    ...(failures.length ? ['', 'Failures and notes:', ...failures] : []),
  ].join('\n');
}
