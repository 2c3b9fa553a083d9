// The daemon-stream bench's WebSocket subscriber, in a process of its own (forked with IPC), as every
// real subscriber is: the window's renderer and `switchboard` CLI commands are other processes than the
// daemon. It follows /api/events like the CLI does (electron/cli/event-stream.js) and tells its parent,
// per task, when the task ended and what reached it: the first and last arrival of its output (run.output
// and ACP message chunks), on the system-wide monotonic clock, and how much came. Nothing per event
// crosses the IPC channel, so the daemon's process does no work for the bench beyond serving the socket.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.argv[2];
const { connectEvents } = await import(pathToFileURL(join(root, 'out/electron/cli/event-stream.js')).href);
const now = () => Number(process.hrtime.bigint()) / 1e6;
const ENDS = ['awaiting_review', 'no_changes', 'failed', 'timed_out', 'cancelled', 'interrupted'];

process.once('message', async (info) => {
  const stream = connectEvents(info);
  const seen = new Map();
  const arrive = (id) => {
    const t = seen.get(id);
    if (!t) return null;
    const at = now();
    if (!t.first) t.first = at;
    t.last = at;
    return t;
  };
  await stream.subscribe((e) => {
    if (e.name === 'task.changed' && e.payload.previousState === null && !seen.has(e.payload.task.id)) {
      seen.set(e.payload.task.id, { first: 0, last: 0, chars: 0, chunks: 0 });
    }
    if (e.name === 'run.output') {
      const t = arrive(e.payload.taskId);
      if (t) t.chars += e.payload.data.length;
    } else if (e.name === 'run.event' && e.payload.kind === 'acp.agent_message_chunk') {
      const t = arrive(e.payload.taskId);
      if (t) t.chunks++;
    } else if (e.name === 'task.changed' && ENDS.includes(e.payload.task.state)) {
      const t = seen.get(e.payload.task.id);
      if (t && !t.state) {
        t.state = e.payload.task.state;
        process.send({ type: 'ended', id: e.payload.task.id, ...t });
      }
    }
  });
  process.send({ type: 'ready' });
  process.once('disconnect', () => {
    stream.close();
    process.exit(0);
  });
});
