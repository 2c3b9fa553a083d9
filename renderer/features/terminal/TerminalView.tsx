import { useEffect, useRef, useState } from 'react';
import { ACTIVE_STATES, type Task } from '../../../shared/models/task.js';
import { describeError } from '../../api/api-error.js';
import { useClient } from '../../store/store-context.js';
import { bufferText } from './terminal-text.js';
import { searchDecorations } from './terminal-theme.js';
import type { TerminalStream } from './terminal-feed.js';
import { useTerminal } from './use-terminal.js';

/**
 * The task's terminal with search, copy, and an input line that types into the agent's PTY. With
 * stream "app", the task's app terminal (switchboard.json `run`); `appRunning` says whether it runs.
 */
export function TerminalView({ task, stream = 'agent', appRunning = false }: { task: Task; stream?: TerminalStream; appRunning?: boolean }) {
  const client = useClient();
  const container = useRef<HTMLDivElement>(null);
  const app = stream === 'app';
  const active = app ? appRunning : ACTIVE_STATES.includes(task.state);
  const { termRef, searchRef, state, setLive } = useTerminal(container, task.id, active, stream);
  const who = app ? 'the app' : 'the agent';
  const [query, setQuery] = useState('');
  const [line, setLine] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [matches, setMatches] = useState<{ index: number; count: number } | null>(null);

  useEffect(() => {
    const search = searchRef.current;
    if (!search) return;
    const sub = search.onDidChangeResults(({ resultIndex, resultCount }) => setMatches({ index: resultIndex, count: resultCount }));
    return () => sub.dispose();
  }, [searchRef, state.runId]);

  useEffect(() => {
    if (!active) setLive(false);
  }, [active, setLive]);

  const find = (backwards = false) => {
    if (!query) return;
    const host = container.current;
    const opts = host ? { decorations: searchDecorations(host) } : undefined;
    const found = backwards ? searchRef.current?.findPrevious(query, opts) : searchRef.current?.findNext(query, opts);
    setNote(found ? null : `“${query}” is not in the output`);
  };

  const copy = async () => {
    const term = termRef.current;
    if (!term) return;
    const text = term.getSelection() || bufferText(term.buffer.active);
    try {
      await navigator.clipboard.writeText(text);
      setNote(term.getSelection() ? 'Copied the selection' : 'Copied the whole output');
    } catch (err) {
      setNote(`Could not copy: ${describeError(err)}`);
    }
  };

  const send = async () => {
    try {
      const data = `${line}\r`;
      await (app ? client.api['tasks.appWrite']({ id: task.id, data }) : client.api['runs.write']({ taskId: task.id, data }));
      setLine('');
      setNote(null);
    } catch (err) {
      setNote(describeError(err));
    }
  };

  const live = state.live && active;
  return (
    <section className="terminal-pane" aria-label={app ? 'App terminal' : 'Terminal'}>
      <div className="terminal-bar">
        <span className="terminal-status" data-live={live ? 'true' : undefined}>
          {state.runId == null ? 'No output yet' : live ? 'Live' : 'Ended'}
        </span>
        <form
          className="terminal-search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            find();
          }}
        >
          <input
            className="input"
            type="search"
            aria-label="Search the terminal output"
            placeholder="Search output"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setMatches(null);
              if (!e.target.value) searchRef.current?.clearDecorations();
            }}
          />
          {query && matches ? (
            <span className="terminal-matches" role="status" aria-label="Search matches">
              {matches.count === 0 ? 'No matches' : matches.index >= 0 ? `${matches.index + 1} of ${matches.count}` : `${matches.count} matches`}
            </span>
          ) : null}
          <button type="button" className="btn btn-ghost" aria-label="Previous match" onClick={() => find(true)}>
            ↑
          </button>
          <button type="submit" className="btn btn-ghost" aria-label="Next match">
            ↓
          </button>
        </form>
        <button type="button" className="btn" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      {state.error ? (
        <div className="notice notice-error" role="alert">
          <p>{state.error}</p>
        </div>
      ) : null}
      <div className="terminal-host" ref={container} />
      <form
        className="terminal-input"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <input
          className="input mono"
          aria-label={`Type to ${who}`}
          placeholder={live ? `Type to ${who} and press Enter` : `${app ? 'The app' : 'The agent'} is not running`}
          disabled={!live}
          value={line}
          onChange={(e) => setLine(e.target.value)}
        />
        <button type="submit" className="btn" disabled={!live}>
          Send
        </button>
      </form>
      {note ? (
        <p className="terminal-note" role="status">
          {note}
        </p>
      ) : null}
    </section>
  );
}
