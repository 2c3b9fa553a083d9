/**
 * The one contract between the core and everything that talks to it (ARCHITECTURE.md, "One contract").
 * The daemon's HTTP host, the CLI and the renderer's client (in a browser tab and in the desktop
 * window alike) all derive their types from here. Add a request to the domain file under contract/ and it is wired everywhere.
 */
import { z } from 'zod';
import { Task } from './models/task.js';
import { RunEvent } from './models/run.js';
import { AppStatus } from './models/app-status.js';
import { Project } from './models/project.js';
import { taskRequests } from './contract/tasks.js';
import { projectRequests } from './contract/projects.js';
import { appRequests } from './contract/app.js';
import { changeRequests } from './contract/changes.js';
import { permissionRequests } from './contract/permissions.js';
import { agentRequests } from './contract/agents.js';
import { runRequests } from './contract/runs.js';
import { settingsRequests } from './contract/settings.js';
import { groupRequests } from './contract/groups.js';
import { usageRequests } from './contract/usage.js';
import { hostRequests } from './contract/hosts.js';
import { dispatchRequests, RejectedDispatchFile } from './contract/dispatch.js';
import { PermissionRequest } from './models/permission.js';
import { AppState } from './models/app-run.js';

export const requests = {
  ...taskRequests,
  ...projectRequests,
  ...appRequests,
  ...changeRequests,
  ...permissionRequests,
  ...agentRequests,
  ...runRequests,
  ...settingsRequests,
  ...groupRequests,
  ...usageRequests,
  ...hostRequests,
  ...dispatchRequests,
};

export const events = {
  'task.changed': z.object({ task: Task, previousState: Task.shape.state.nullable() }),
  /** Terminal data of a run; seq increases by one per chunk so a late viewer can join without gaps. */
  'run.output': z.object({ taskId: z.string(), runId: z.number().int(), seq: z.number().int(), data: z.string() }),
  'run.event': RunEvent,
  /** Terminal data of a task's app (switchboard.json `run`): the second terminal stream, seq per app run. */
  'appRun.output': z.object({ taskId: z.string(), appRunId: z.number().int(), seq: z.number().int(), data: z.string() }),
  /** A task's app started or ended. */
  'appRun.changed': z.object({ taskId: z.string(), app: AppState }),
  'app.status': AppStatus,
  /** A project's settings changed (e.g. its concurrency limit): the scheduler and the UI pick it up at once. */
  'project.changed': z.object({ project: Project }),
  /** An ACP permission request was asked, answered, cancelled or expired. */
  'permission.changed': z.object({ request: PermissionRequest }),
  /** A dispatch file was refused and moved to rejected/ (the app lists it with its reason). */
  'dispatch.rejected': RejectedDispatchFile,
  /** Sent by the Electron shell to its window only (a notification or tray item was clicked): show this task. */
  'ui.open-task': z.object({ taskId: Task.shape.id }),
};

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<K extends RequestName> = z.input<Requests[K]['input']>;
export type RequestParsedInput<K extends RequestName> = z.output<Requests[K]['input']>;
export type RequestOutput<K extends RequestName> = z.output<Requests[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]>;
export type AnyEvent = { [K in EventName]: { name: K; payload: EventPayload<K> } }[EventName];

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export const isRequestName = (name: string): name is RequestName => Object.prototype.hasOwnProperty.call(requests, name);

/** The typed API every client sees (the renderer's, over HTTP in a browser tab and in the desktop window; the CLI's). */
export type Api = { [K in RequestName]: (input: RequestInput<K>) => Promise<RequestOutput<K>> };

export * from './contract/define.js';
