/**
 * What `switchboard mcp` needs from the running instance of its home: the contract's Api (the same
 * HTTP client as the CLI) and its event stream. Looked up on every call, so a restarted `serve` is
 * picked up without restarting the MCP server.
 */
import type { Api } from '../../shared/contract.js';
import { connectToHome } from '../cli/client.js';
import { connectEvents, type EventStream } from '../cli/event-stream.js';
import { CliError } from '../cli/command.js';
import { notRunningMessage } from '../cli/client.js';
import { homePaths } from '../core/home.js';
import { findLiveServer } from '../host/server-info.js';

export interface McpDeps {
  home: string;
  api(): Promise<Api>;
  /** A new connection to the instance's event stream; throws when none runs. */
  events(): EventStream;
}

/**
 * The instance must already run: `switchboard serve --home DIR` (or the app). To start a daemon here
 * instead, call it before connecting (one line in api() below).
 */
export function createMcpDeps(home: string): McpDeps {
  return {
    home,
    api: () => connectToHome(home),
    events() {
      const info = findLiveServer(homePaths(home).serverInfo);
      if (!info) throw new CliError(notRunningMessage(home));
      return connectEvents(info);
    },
  };
}
