/**
 * The client side of one ACP connection (SDK 2.x `client()` app): what the agent may call on us.
 * Requests are parsed by the SDK's schemas before they reach us. session/update notifications never
 * get here: tapSessionUpdates() takes them off the stream first.
 */
import { client, RequestError, type ClientApp, type CreateTerminalRequest, type RequestPermissionRequest, type RequestPermissionResponse } from '@agentclientprotocol/sdk';
import type { Terminals } from './terminals.js';
import type { WorktreeFs } from './worktree-fs.js';

export interface ClientHooks {
  requestPermission(params: RequestPermissionRequest, signal: AbortSignal): Promise<RequestPermissionResponse>;
  /** Called after a file was written, for the transcript. */
  wrote(info: { path: string; bytes: number; created: boolean }): void;
  /** null when the agent's definition turns the capability off. */
  fs: WorktreeFs | null;
  terminals: Terminals | null;
  /** Asks the permission policy (and maybe a person) before a terminal starts; throws when refused. */
  approveTerminal(params: CreateTerminalRequest, signal: AbortSignal): Promise<void>;
}

const off = (what: string): RequestError => RequestError.methodNotFound(`${what} (not offered to this agent: its definition turns it off)`);

export function buildClientApp(h: ClientHooks): ClientApp {
  const fs = (): WorktreeFs => h.fs ?? (() => { throw off('fs'); })();
  const term = (): Terminals => h.terminals ?? (() => { throw off('terminal'); })();
  return client({ name: 'switchboard' })
    .onRequest('session/request_permission', ({ params, signal }) => h.requestPermission(params, signal))
    .onRequest('fs/read_text_file', ({ params }) => fs().read(params))
    .onRequest('fs/write_text_file', async ({ params }) => {
      h.wrote(await fs().write(params));
      return {};
    })
    .onRequest('terminal/create', async ({ params, signal }) => {
      const t = term();
      await h.approveTerminal(params, signal);
      return t.create(params);
    })
    .onRequest('terminal/output', ({ params }) => term().output(params.terminalId))
    .onRequest('terminal/wait_for_exit', ({ params }) => term().waitForExit(params.terminalId))
    .onRequest('terminal/kill', async ({ params }) => {
      await term().kill(params.terminalId);
      return {};
    })
    .onRequest('terminal/release', async ({ params }) => {
      await term().release(params.terminalId);
      return {};
    });
}
