/**
 * What `switchboard mcp` needs from the running instance of its home: the contract's Api (the same
 * HTTP client as the CLI) and its event stream. Looked up on every call, so a restarted `serve` is
 * picked up without restarting the MCP server.
 */
import type { Api } from '../../shared/contract.js';
import { createClient, notRunningMessage } from '../cli/client.js';
import { CliError } from '../cli/command.js';
import { startDetached } from '../cli/daemon-control.js';
import { connectEvents, type EventStream } from '../cli/event-stream.js';
import { homePaths } from '../core/home.js';
import { findLiveServer } from '../host/server-info.js';

export interface McpDeps {
  home: string;
  /** A client of the instance serving the home; starts one in the background (`serve --detach`) when none runs. */
  api(): Promise<Api>;
  /** A new connection to the instance's event stream; throws when none runs (call api() first). */
  events(): EventStream;
}

/** When no Switchboard serves the home, the first call starts one as `switchboard serve --detach` would. */
export function createMcpDeps(home: string): McpDeps {
  // One start at a time: concurrent calls share it (a second serve would lose the home's lock and exit).
  let starting: Promise<Api> | null = null;
  const ensure = async (): Promise<Api> => createClient((await startDetached({ home, serveArgs: [] })).info, { home });
  return {
    home,
    api: () => {
      starting ??= ensure().finally(() => (starting = null));
      return starting;
    },
    events() {
      const info = findLiveServer(homePaths(home).serverInfo);
      if (!info) throw new CliError(notRunningMessage(home));
      return connectEvents(info);
    },
  };
}
