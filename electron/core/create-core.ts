/**
 * The composition root (ARCHITECTURE.md, "A task's path"): builds every service of the control centre from its
 * dependencies. Shells (Electron main, the headless host, tests) call createCore() and talk to the
 * result only through `call` and `bus`.
 */
import { hostname } from 'node:os';
import type { AnyEvent } from '../../shared/contract.js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createBus, type Bus } from './bus.js';
import { systemClock, type Clock } from './clock.js';
import { createConfigService, type ConfigService } from './config/config-service.js';
import { ensureHome, homePaths, type HomePaths } from './home.js';
import { createRouter, type Handlers, type Router } from './router.js';
import { createStore, type Store } from './store/index.js';
import { createTransition, type Transition } from './tasks/transition.js';
import { checkPromptFor, createSubmitTask, type SubmitTask } from './tasks/submit-task.js';
import { createTasksController } from './tasks/tasks-controller.js';
import { createBulkController } from './tasks/bulk-controller.js';
import { markInterrupted } from './tasks/recovery.js';
import { createAppController, createAppStatus } from './app-controller.js';
import { createProjectsController, readLocalText } from './projects/projects-controller.js';
import { appVersion } from './version.js';
import { createRedactor, secretEnvValues, type Redactor } from './redact.js';
import { createTrustPolicy } from './dispatch/trust.js';
import { createDispatchSubmit } from './dispatch/dispatch-request.js';
import { createDispatchController } from './dispatch/dispatch-controller.js';
import { createDispatchService, type DispatchService } from './dispatch/dispatch-service.js';
import { createPermissionService, type PermissionService } from './permissions/permission-service.js';
import { createPermissionsController } from './permissions/permissions-controller.js';
import type { AppStatus } from '../../shared/models/app-status.js';
import { createGitRunner } from './git/git-runner.js';
import { createStatusCache } from './git/status-cache.js';
import { createWorkspace } from './git/create-workspace.js';
import { startSweeper } from './git/sweeper.js';
import type { Workspace } from './git/workspace.js';
import { createReviewService } from './review/review-service.js';
import { createGroupsController } from './review/groups-controller.js';
import { createReviewController } from './review/review-controller.js';
import { createPrService } from './pr/pr-service.js';
import { createPrPoller, type PrPoller } from './pr/pr-poller.js';
import { createSettingsController } from './config/settings-controller.js';
import { createAgentRegistry, type AgentRegistry } from './runners/agent-registry.js';
import { createPtyRunner } from './runners/pty-runner.js';
import { createAcpRunner } from './runners/acp-runner.js';
import { createLiveRuns } from './runners/live-runs.js';
import { createOutputReplay } from './runners/output-replay.js';
import { createAgentsController, createRunsController } from './runners/runs-controller.js';
import { createUsageController } from './usage/usage-controller.js';
import { createScheduler, type Scheduler } from './scheduler/scheduler.js';
import type { SchedulerDeps } from './scheduler/types.js';
import { killOrphanRuns } from './scheduler/recovery.js';
import { homeKeyOf } from './runners/process-control/process-control.js';
import { createHosts, type Hosts } from './remote/hosts.js';
import { createHostsController } from './remote/hosts-controller.js';
import { shq } from './remote/ssh-command.js';
import { createRemoteWorkspace, routeByHost } from './remote/remote-workspace.js';
import { createRemotePtyRunner } from './remote/remote-pty-runner.js';
import { routeRunner } from './remote/route-runner.js';
import { remoteAcpPlace } from './remote/remote-acp-place.js';
import { remoteAgentProbe } from './remote/remote-agents.js';
import { killRemoteOrphans, remoteLiveRuns } from './remote/remote-recovery.js';
import { createAppRunner, type AppRunner } from './run-app/app-runner.js';
import { createRunAppController } from './run-app/app-controller.js';

export interface CoreOptions {
  home: string;
  mode?: AppStatus['mode'];
  clock?: Clock;
  /** Watch config.json for edits (off in most tests). */
  watchConfig?: boolean;
  /** `serve --local-only`: no callbacks (or anything else) leave the machine. */
  localOnly?: boolean;
  /** The user's home (default os.homedir()): the default trusted root, and where ~/.gstack/dispatch is found. */
  userHome?: string;
  /** Take queued tasks and run their agents (the shells pass true; most tests leave it off). */
  runTasks?: boolean;
  /** Where GITHUB_TOKEN and PATH (for `gh`) are read for pull requests (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Tests: TTLs below the users' 60 s minimum, a short kill grace, the agents' parent environment. */
  schedulerOptions?: Pick<SchedulerDeps, 'ttlMs' | 'killGraceMs' | 'env'>;
}

export interface Core {
  readonly paths: HomePaths;
  readonly instanceId: string;
  readonly store: Store;
  readonly bus: Bus;
  readonly config: ConfigService;
  readonly clock: Clock;
  readonly transition: Transition;
  readonly submit: SubmitTask;
  /** The dispatch inbox: intake, completion reports, callbacks, audit.jsonl, heartbeat (issue #3). */
  readonly dispatch: DispatchService;
  /** ACP permission requests: the ACP runner asks here, people answer through the contract. */
  readonly permissions: PermissionService;
  /** Worktrees, in-place snapshots and diff capture: the scheduler prepares and captures runs here. */
  readonly workspace: Workspace;
  /** Built-in and configured agents, with detection. */
  readonly agents: AgentRegistry;
  /** The remote hosts of config.json, each over one shared ssh connection (issue 14). */
  readonly hosts: Hosts;
  /** Runs queued tasks; started by createCore when `runTasks` is set. */
  readonly scheduler: Scheduler;
  /** Reads open pull requests' state and CI (once a minute while tasks run; tests call poll()). */
  readonly prPoller: Pick<PrPoller, 'poll'>;
  /** switchboard.json `run` in tasks' worktrees (issue 16). */
  readonly apps: AppRunner;
  /** Every contract request, parsed and dispatched. */
  readonly call: Router['call'];
  /** Hides secrets in what leaves the app (reports, callbacks, audit, logs); shells add their token to it. */
  readonly redactor: Redactor;
  status(): AppStatus;
  dispose(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  const clock = opts.clock ?? systemClock;
  const paths = homePaths(opts.home);
  ensureHome(paths);
  const instanceId = randomUUID();
  // Agents' run markers carry it: another home's agents with the same dispatch id are never ours to end.
  const homeKey = homeKeyOf(paths.root);
  const startedAt = clock.now();

  const config = createConfigService(paths.config, { watch: opts.watchConfig ?? false });
  const envSecrets = secretEnvValues(process.env);
  const redactor = createRedactor(() => [config.get().dispatchSecret, config.get().githubToken, ...envSecrets]);
  // A listener that throws must not break the code that emitted; it is reported and the rest go on.
  let reportListenerError: (err: unknown, event: AnyEvent) => void = () => {};
  const bus = createBus({ onUnexpectedError: (err, event) => reportListenerError(err, event) });
  const store = createStore(paths.db, { redactAudit: redactor.value, aroundTx: bus.deferDuring, checkpointThread: true });
  reportListenerError = (err, event) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`switchboard: a listener of ${event.name} failed: ${err instanceof Error ? (err.stack ?? message) : message}\n`);
    try {
      store.audit.append(clock.now(), 'bus.listener_failed', null, 'switchboard', { event: event.name, error: message });
    } catch {
      // The store itself is failing: stderr already has it.
    }
  };
  const transition = createTransition({ store, bus, clock });
  const trust = createTrustPolicy({ config, userHome: opts.userHome });
  const agents = createAgentRegistry({ config, clock });
  const submit = createSubmitTask({ store, bus, clock, config, checkProjectDir: trust.checkProjectDir, checkPrompt: checkPromptFor(agents) });
  const permissions = createPermissionService({ store, bus, config, clock });

  // Agents a dead instance left running are killed (pid + start time) before their runs are closed;
  // those on hosts are ended over ssh in the background (remote-recovery.ts).
  const remoteOrphans = remoteLiveRuns(store, instanceId);
  const orphans = killOrphanRuns(store, homeKey, instanceId).filter((o) => o.killed.length);
  if (orphans.length) store.audit.append(clock.now(), 'recovery.orphans_killed', null, 'switchboard', { orphans });
  const interrupted = markInterrupted(store, transition, clock.now());
  if (interrupted.length) store.audit.append(clock.now(), 'recovery', null, 'switchboard', { interrupted });
  const dispatch = createDispatchService({ store, bus, clock, config, submit, trust, paths, version: appVersion(), localOnly: opts.localOnly, userHome: opts.userHome, redactor });

  const hosts = createHosts({ config, home: paths.root });
  const git = createGitRunner();
  const gitStatus = createStatusCache(git);
  const apps = createAppRunner({ store, bus, clock, config, instanceId, homeKey, projectPrefix: async (task) => (await workspace.locate(task)).prefix, env: opts.schedulerOptions?.env, graceMs: opts.schedulerOptions?.killGraceMs });
  const workspace = routeByHost(createWorkspace({ git, store, config, paths, clock, stopApp: apps.stop }), createRemoteWorkspace({ hosts, store, clock, config, owner: `${hostname()}:${paths.root}`, homeKey }), store);
  const review = createReviewService({
    store, bus, clock, transition, workspace, git, status: gitStatus, tmpDir: join(paths.root, 'tmp'),
    // Superseded siblings of a group stop through the scheduler's cancel path (made below).
    stopAgent: (taskId) => scheduler.cancelActive(taskId),
    remote: async (task) => {
      const host = hosts.get(task.host!);
      return { git: host.git, status: host.status, tmpDir: `${await host.stateDir()}/tmp` };
    },
  });
  const pr = createPrService({ store, clock, config, transition, workspace, git, tmpDir: join(paths.root, 'tmp'), env: opts.env, onToken: (t) => redactor.add(t) });
  const prPoller = createPrPoller({ store, transition, pr });
  const sweeper = startSweeper({ workspace, store, clock });

  const liveRuns = createLiveRuns();
  const acp = createAcpRunner({
    permissions, audit: store.audit, clock, clientVersion: appVersion(),
    // A task on a host runs its ACP agent there, over ssh stdio, with the host's files and terminals.
    placeFor: async (req) => (req.task.host ? remoteAcpPlace(hosts.get(req.task.host), req) : null),
  });
  const scheduler = createScheduler({
    store, bus, clock, config, transition, workspace, instanceId, homeKey, registry: agents, live: liveRuns,
    runners: { pty: routeRunner(createPtyRunner(), createRemotePtyRunner({ hosts })), acp },
    ...opts.schedulerOptions,
  });

  const projects = createProjectsController({
    store, bus, clock, agentNames: () => agents.names(),
    machine: (host) => {
      if (!host) return { git, readText: readLocalText };
      const h = hosts.get(host);
      const readText = async (path: string): Promise<string | null> => {
        const r = await h.exec(`[ -e ${shq(path)} ] || exit 3; cat -- ${shq(path)}`);
        if (r.code === 3) return null;
        if (r.code !== 0) throw new Error(r.stderr.trim() || `cat exited with ${r.code}`);
        return r.stdout;
      };
      return { git: h.git, readText };
    },
  });
  const { updateSettings: updateProjectSettings, ...projectHandlers } = projects;
  const settings = createSettingsController({ file: paths.config, config, store, bus, clock, updateProjectSettings, localOnlyForced: opts.localOnly });
  const status = createAppStatus(store, config, { version: appVersion(), home: paths.root, mode: opts.mode ?? 'headless', startedAt });

  const handlers: Handlers = {
    ...createTasksController({ store, transition, now: () => clock.now(), submit: createDispatchSubmit(submit, clock), cancelActive: scheduler.cancelActive, doneActive: scheduler.doneActive, cancelReview: review.cancel, whyWaiting: scheduler.whyWaiting, checkPrompt: checkPromptFor(agents), appState: apps.state }),
    ...createRunAppController(apps),
    ...createRunsController({ store, live: liveRuns, replay: createOutputReplay(store, liveRuns) }),
    ...createAgentsController(agents, (host) => remoteAgentProbe(hosts.get(host))),
    ...createUsageController(store.usage),
    ...createDispatchController(dispatch.rejected),
    ...projectHandlers,
    ...createAppController(status),
    ...createPermissionsController(permissions),
    ...createReviewController({ store, clock, review, pr, createTask: (input) => handlers['tasks.create'](input) }),
    ...createGroupsController({ store, clock, review }),
    ...settings,
    ...createHostsController({ config, hosts, registry: agents, updateSettings: settings['settings.update'] }),
    ...createBulkController({ store, handlers: () => handlers }),
  };
  const router = createRouter(handlers);

  dispatch.start();
  const remoteRecovery = killRemoteOrphans({ hosts, store, clock, homeKey }, remoteOrphans);
  // A requeued task must not start on its host before its orphan there is gone (the marker would match both).
  if (opts.runTasks && remoteOrphans.length) void remoteRecovery.finally(() => !disposed && scheduler.start());
  else if (opts.runTasks) scheduler.start();
  // While the app runs (not for a one-off CLI command), open pull requests are polled once a minute.
  if (opts.runTasks) prPoller.start();
  let disposed = false;
  return {
    paths,
    instanceId,
    store,
    bus,
    config,
    clock,
    transition,
    submit,
    dispatch,
    permissions,
    workspace,
    agents,
    hosts,
    scheduler,
    prPoller,
    apps,
    call: router.call,
    redactor,
    status,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await scheduler.shutdown(config.get().shutdownGraceSeconds * 1000);
      await scheduler.dispose();
      await apps.dispose();
      await remoteRecovery;
      await prPoller.dispose();
      await acp.dispose();
      agents.dispose();
      await dispatch.dispose();
      await workspace.dispose();
      await hosts.dispose();
      await sweeper.dispose();
      permissions.dispose();
      config.dispose();
      bus.dispose();
      store.dispose();
    },
  };
}
