import { useState } from 'react';
import type { Task } from '../../../shared/models/task.js';
import { useApp } from '../../store/store-context.js';
import { useAgents } from '../agents/use-agents.js';
import { AgentPicker } from '../new-task/AgentPicker.js';

/** Retry with changes: the prompt, agent and time limit, prefilled with the task's, edited before it runs again. */
export function RetryForm({ task, onDone }: { task: Task; onDone(): void }) {
  const retry = useApp((s) => s.retryTask);
  const busy = useApp((s) => s.detail.busy === 'retry');
  const detected = useAgents();
  const known = useApp((s) => [...new Set(Object.values(s.tasksById).map((t) => t.agent))].sort().join('\n'));
  const [prompt, setPrompt] = useState(task.prompt);
  const [agent, setAgent] = useState(task.agent);
  const [minutes, setMinutes] = useState(String(Math.round(task.ttlSeconds / 60)));
  const ttl = Math.round(Number(minutes) * 60);
  const badTtl = !Number.isFinite(ttl) || ttl < 60 || ttl > 86_400;
  return (
    <form
      className="retry-form"
      aria-label="Retry with changes"
      onSubmit={async (e) => {
        e.preventDefault();
        if (badTtl || !prompt.trim()) return;
        if (await retry(task.id, { prompt, agent: agent || undefined, ttlSeconds: ttl })) onDone();
      }}
    >
      <label className="field-label" htmlFor="retry-prompt">
        Prompt
      </label>
      <textarea id="retry-prompt" className="textarea" value={prompt} autoFocus onChange={(e) => setPrompt(e.target.value)} />
      <div className="dialog-row">
        <div className="field">
          <label htmlFor="retry-agent">Agent</label>
          <AgentPicker id="retry-agent" value={agent} onChange={setAgent} invalid={{}} knownAgents={known ? known.split('\n') : []} agents={detected.agents} error={detected.error} />
        </div>
        <div className="field">
          <label htmlFor="retry-ttl">Time limit (minutes)</label>
          <input id="retry-ttl" className="input" type="number" min={1} max={1440} value={minutes} aria-invalid={badTtl || undefined} onChange={(e) => setMinutes(e.target.value)} />
          {badTtl ? <span className="field-error">Between 1 and 1440 minutes.</span> : null}
        </div>
      </div>
      <div className="dialog-foot">
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || badTtl || !prompt.trim()}>
          {busy ? 'Retrying…' : 'Retry with these changes'}
        </button>
      </div>
    </form>
  );
}
