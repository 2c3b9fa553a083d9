/**
 * A real local HTTP server for callbacks, in one of several moods: answers at once, hangs, floods its
 * answer without end, drips it a byte at a time, or redirects. It records what it received and how much
 * it managed to send before the client hung up.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Mood = 'ok' | 'hang' | 'flood' | 'drip' | 'redirect';

export interface CallbackServer {
  url: string;
  /** Bodies (and headers) of the requests received, in order. */
  received: { body: string; headers: IncomingMessage['headers'] }[];
  /** Bytes of answer written per request before the connection closed. */
  sent: number[];
  close(): Promise<void>;
}

export async function startCallbackServer(mood: Mood): Promise<CallbackServer> {
  const received: CallbackServer['received'] = [];
  const sent: number[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      const i = sent.push(0) - 1;
      open.add(res);
      res.on('close', () => open.delete(res));
      if (mood === 'ok') return void res.end('{"ok":true}');
      if (mood === 'redirect') return void res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
      if (mood === 'hang') return; // never answers
      res.writeHead(200, { 'content-type': 'text/plain' });
      const block = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        while (!res.destroyed && sent[i] < 512 * 1024 * 1024) {
          sent[i] += mood === 'drip' ? 1 : block.length;
          const more = res.write(mood === 'drip' ? 'a' : block);
          if (mood === 'drip') return void setTimeout(pump, 100);
          if (!more) return void res.once('drain', pump);
        }
      };
      pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    sent,
    close: () =>
      new Promise<void>((r) => {
        for (const res of open) res.destroy();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
