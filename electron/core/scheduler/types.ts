import type { Task } from '../../../shared/models/task.js';
import type { Bus } from '../bus.js';
import type { Clock } from '../clock.js';
import type { ConfigService } from '../config/config-service.js';
import type { Workspace } from '../git/workspace.js';
import type { AgentRegistry } from '../runners/agent-registry.js';
import type { LiveRuns } from '../runners/live-runs.js';
import type { OutputTick } from '../runners/output-tick.js';
import type { RunHandle } from '../runners/runner.js';
import type { RunnerMap } from '../runners/start-agent.js';
import type { Store } from '../store/index.js';
import type { Transition } from '../tasks/transition.js';

export interface SchedulerDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  config: ConfigService;
  transition: Transition;
  registry: AgentRegistry;
  /** One runner per transport: `{ pty: createPtyRunner(), acp: createAcpRunner(...) }`. */
  runners: RunnerMap;
  workspace: Workspace;
  live: LiveRuns;
  /** This Switchboard process, recorded on each run (recovery tells its own runs from a dead one's). */
  instanceId: string;
  /** This home's key (homeKeyOf): agents' run markers are runMarker(homeKey, task id). */
  homeKey: string;
  /** The environment agents' clean environments are built from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Secret values no agent may see, besides config.dispatchSecret (the host token...). */
  secrets?: () => string[];
  /** Tests only: a TTL below the 60 s minimum users can set. */
  ttlMs?: (task: Task) => number;
  /** Tests only: the wait between SIGTERM and SIGKILL (default: the agent's killGraceSeconds). */
  killGraceMs?: number;
  /** Where unexpected errors are reported (default console.error). */
  log?: (message: string) => void;
  /** The tick every run's terminal output is stored in (createScheduler makes one over store.tx). */
  outputTick?: OutputTick;
}

export type StopReason = 'cancel' | 'timeout' | 'shutdown';

/** A task this scheduler is working on, from its claim (preparing) until its run has ended. */
export interface ActiveTask {
  readonly taskId: string;
  readonly projectId: number;
  /** Why it is being stopped; the first reason wins. */
  stopReason: StopReason | null;
  handle: RunHandle | null;
  /** Set once its agent has started, when that agent is interactive (a TUI the person types to). */
  interactive: { quitInput: string | null } | null;
  /** The person pressed Done: the run's end is captured as a clean exit (done-interactive.ts). */
  doneRequested: boolean;
  /** SIGTERM → SIGKILL grace for its agent. */
  graceMs: number;
  /** Settles once the task has left the active states (or its run is recorded as interrupted). */
  finished: Promise<void>;
}
