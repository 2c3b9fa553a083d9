/** Opens a WebSocket to the host's event stream and says how it went: 'open', or the HTTP status it was refused with. */
import { WebSocket } from 'ws';

export function wsOutcome(url: string, opts: { token?: string; origin?: string; protocol?: string } = {}): Promise<string> {
  const target = new URL('api/events', url.replace(/^http/, 'ws'));
  if (opts.token) target.searchParams.set('token', opts.token);
  return new Promise((resolve) => {
    const ws = new WebSocket(target, opts.protocol ? [opts.protocol] : [], opts.origin ? { headers: { origin: opts.origin } } : {});
    const timer = setTimeout(() => (ws.terminate(), resolve('timeout')), 5000);
    ws.on('open', () => {
      clearTimeout(timer);
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      resolve(String(res.statusCode));
      ws.terminate();
    });
    ws.on('error', (err) => {
      clearTimeout(timer);
      resolve(`error ${err.message}`);
    });
  });
}
