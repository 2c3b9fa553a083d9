/**
 * Every `switchboard` command, in the order `--help` lists them.
 * To add one: one import and one array entry (commands/<name>.ts exporting a Command).
 */
import type { Command } from '../command.js';
import { serveCommand } from './serve.js';
import { statusCommand } from './status.js';
import { stopCommand } from './stop.js';
import { dispatchCommand } from './dispatch.js';
import { tasksCommand } from './tasks.js';
import { showCommand } from './show.js';
import { cancelCommand } from './cancel.js';
import { doneCommand } from './done.js';
import { diffCommand } from './diff.js';
import { approveCommand } from './approve.js';
import { compareCommand } from './compare.js';
import { rejectCommand } from './reject.js';
import { prCommand } from './pr.js';
import { followupCommand } from './followup.js';
import { doctorCommand } from './doctor.js';
import { permissionsCommand } from './permissions.js';
import { allowCommand } from './allow.js';
import { agentsCommand } from './agents.js';
import { hostsCommand } from './hosts.js';
import { attachCommand } from './attach.js';
import { runCommand } from './run.js';
import { mcpCommand } from './mcp.js';
import { usageCommand } from './usage.js';

export const commands: Command[] = [
  serveCommand,
  statusCommand,
  stopCommand,
  dispatchCommand,
  tasksCommand,
  showCommand,
  cancelCommand,
  doneCommand,
  diffCommand,
  compareCommand,
  approveCommand,
  rejectCommand,
  prCommand,
  followupCommand,
  doctorCommand,
  permissionsCommand,
  allowCommand,
  agentsCommand,
  hostsCommand,
  attachCommand,
  runCommand,
  mcpCommand,
  usageCommand,
];
