import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { describeError } from '../../api/api-error.js';
import { onReopen } from '../../api/on-reopen.js';
import { useClient } from '../../store/store-context.js';
import { isMac } from '../../lib/platform.js';
import { openTerminalFeed, type TerminalStream } from './terminal-feed.js';
import { createTerminalInput } from './terminal-input.js';
import { attachClipboardKeys } from './terminal-keys.js';
import { terminalTheme } from './terminal-theme.js';

export interface TerminalState {
  runId: number | null;
  /** The agent runs: typing and resizes go to its PTY. */
  live: boolean;
  error: string | null;
}

/** The columns and rows a terminal fits in `el`, measured by opening a throwaway terminal there. */
function measureGrid(el: HTMLElement, options: ConstructorParameters<typeof Terminal>[0]): { cols?: number; rows?: number } {
  const probe = new Terminal(options);
  const fit = new FitAddon();
  probe.loadAddon(fit);
  try {
    probe.open(el);
    const dims = fit.proposeDimensions();
    return dims && Number.isFinite(dims.cols) && Number.isFinite(dims.rows) ? { cols: dims.cols, rows: dims.rows } : {};
  } catch {
    return {};
  } finally {
    probe.dispose();
  }
}

/**
 * An xterm.js terminal in `container` showing the task's latest run: replayed from the store, then
 * live. It fits its pane and passes each resize to the PTY; keys typed into it go to the agent.
 * With stream "app" it shows the task's app (switchboard.json `run`) the same way.
 */
export function useTerminal(container: RefObject<HTMLDivElement | null>, taskId: string, active: boolean, stream: TerminalStream = 'agent') {
  const client = useClient();
  const termRef = useRef<Terminal | null>(null);
  const searchRef = useRef<SearchAddon | null>(null);
  const [state, setState] = useState<TerminalState>({ runId: null, live: false, error: null });
  const liveRef = useRef(false);
  // The task's own state: a replay can say "live" a moment after the agent is gone.
  const activeRef = useRef(active);
  activeRef.current = active;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const options = {
      fontFamily: getComputedStyle(el).getPropertyValue('--mono') || 'monospace',
      fontSize: 12.5,
      scrollback: 20_000,
      convertEol: false,
      allowProposedApi: true,
      theme: terminalTheme(el),
    };
    // The replay is written before the terminal is opened: an open xterm 6 syncs its scrollbar on every
    // line that scrolls (thousands of scrollbar updates and timers for a 2 MB replay, most of its cost),
    // an unopened one only parses. It is written at the pane's size, measured with a throwaway terminal,
    // so opening it needs no reflow.
    const term = new Terminal({ ...options, ...measureGrid(el, options) });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    termRef.current = term;
    searchRef.current = search;

    let resizeTimer: ReturnType<typeof setTimeout> | null = null;
    const sendSize = () => {
      if (!liveRef.current || !activeRef.current || !term.element) return;
      const size = { cols: term.cols, rows: term.rows };
      void (stream === 'app' ? client.api['tasks.appResize']({ id: taskId, ...size }) : client.api['runs.resize']({ taskId, ...size })).catch(() => {});
    };
    const refit = () => {
      if (!term.element) return;
      try {
        fit.fit();
      } catch {}
      if (resizeTimer) clearTimeout(resizeTimer);
      resizeTimer = setTimeout(sendSize, 100);
    };
    const observer = new ResizeObserver(refit);
    let opened = false;
    let disposed = false;
    const openTerm = () => {
      if (opened || disposed) return;
      opened = true;
      term.open(el);
      refit();
      observer.observe(el);
    };

    const scheme = matchMedia('(prefers-color-scheme: light)');
    const retheme = () => (term.options.theme = terminalTheme(el));
    scheme.addEventListener('change', retheme);

    const detachKeys = attachClipboardKeys(term, (text) => void navigator.clipboard?.writeText(text).catch(() => {}), isMac(navigator.platform));
    const keys = createTerminalInput(
      (data) => (stream === 'app' ? client.api['tasks.appWrite']({ id: taskId, data }) : client.api['runs.write']({ taskId, data })),
      (err) => setState((s) => ({ ...s, error: describeError(err) })),
    );
    const input = term.onData((data) => {
      if (liveRef.current && activeRef.current) keys.push(data);
    });

    const feed = openTerminalFeed(taskId, {
      api: client.api,
      stream,
      subscribe: (listener) =>
        client.onEvent((e) => {
          if (stream === 'agent' && e.name === 'run.output') listener(e.payload);
          else if (stream === 'app' && e.name === 'appRun.output') listener({ taskId: e.payload.taskId, runId: e.payload.appRunId, seq: e.payload.seq, data: e.payload.data });
        }),
      onReconnect: (listener) => onReopen(client, listener),
      write: (data) => term.write(data),
      reset: () => term.reset(),
      onRun: ({ runId, live }) => {
        liveRef.current = live;
        setState({ runId, live, error: null });
        if (live) sendSize();
      },
      onError: (error) => setState((s) => ({ ...s, error })),
    });
    // Opened once the first replay is parsed (an empty write's callback runs after the writes before it).
    void feed.ready.then(
      () => term.write('', openTerm),
      () => openTerm(),
    );
    // Expose the terminal to tests and devtools (read term.buffer.active).
    el.dataset.taskId = taskId;
    el.dataset.stream = stream;
    (el as HTMLElement & { xterm?: Terminal }).xterm = term;

    return () => {
      disposed = true;
      feed.dispose();
      detachKeys();
      input.dispose();
      keys.dispose();
      observer.disconnect();
      scheme.removeEventListener('change', retheme);
      if (resizeTimer) clearTimeout(resizeTimer);
      term.dispose();
      termRef.current = null;
      searchRef.current = null;
    };
  }, [client, container, taskId, stream]);

  /** Marks the run as ended (from task.changed), so typing stops going to a PTY that is gone. */
  const setLive = useCallback((live: boolean) => {
    liveRef.current = live;
    setState((s) => (s.live === live ? s : { ...s, live }));
  }, []);

  return { termRef, searchRef, state, setLive };
}
