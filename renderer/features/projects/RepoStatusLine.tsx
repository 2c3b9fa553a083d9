import type { RepoStatusEntry } from './projects-slice.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Branch, dirty files, ahead/behind its upstream; or why git could not say. */
export function RepoStatusLine({ entry, onRefresh }: { entry: RepoStatusEntry | undefined; onRefresh(): void }) {
  const status = entry?.status;
  return (
    <div className="repo-status" role="group" aria-label="Repository status" aria-busy={entry?.loading ? true : undefined}>
      {entry?.error ? (
        <span className="repo-error" role="alert">
          {entry.error}
        </span>
      ) : status ? (
        <>
          <span className="repo-fact" data-fact="branch">
            {status.branch ? (
              <>
                branch <strong className="mono">{status.branch}</strong>
              </>
            ) : (
              <strong>{status.head ? `detached at ${status.head.slice(0, 8)}` : 'no commit yet'}</strong>
            )}
          </span>
          <span className={`repo-fact${status.dirty ? ' repo-dirty' : ''}`} data-fact="dirty">
            {status.dirty ? <strong>{plural(status.dirty, 'changed file', 'changed files')}</strong> : 'clean'}
          </span>
          {status.upstream ? (
            <span className="repo-fact" data-fact="upstream" title={`against ${status.upstream}`}>
              <strong>{status.ahead}</strong> ahead, <strong>{status.behind}</strong> behind <span className="mono">{status.upstream}</span>
            </span>
          ) : (
            <span className="repo-fact" data-fact="upstream">
              no upstream
            </span>
          )}
        </>
      ) : (
        <span>Reading the repository…</span>
      )}
      <button type="button" className="btn btn-ghost btn-small" onClick={onRefresh} disabled={entry?.loading} title="Read the repository status again">
        Refresh
      </button>
    </div>
  );
}
