import { Page } from '../../app/Page.js';
import { baseName } from '../../lib/format.js';
import { totalsCells } from './usage-format.js';
import { useUsage } from './use-usage.js';

const HEAD = ['Runs', 'Input', 'Output', 'Cache read', 'Cache write', 'Cost'];

function UsageTable({ label, first, rows }: { label: string; first: string; rows: { key: string; name: string; title?: string; cells: string[] }[] }) {
  return (
    <table className="usage-table" aria-label={label}>
      <thead>
        <tr>
          {[first, ...HEAD].map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row" title={r.title}>
              {r.name}
            </th>
            {r.cells.map((c, i) => (
              <td key={HEAD[i]}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Usage: tokens and cost the agents reported, per agent and per project. */
export function UsageScreen() {
  const { summary, error, refresh } = useUsage();
  return (
    <Page
      title="Usage"
      actions={
        <button type="button" className="btn" onClick={() => void refresh()}>
          Refresh
        </button>
      }
    >
      {error ? (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      {summary && !summary.total.runs ? <p className="detail-muted">No run has reported usage yet. Claude, codex and ACP agents that send usage updates do.</p> : null}
      {summary?.total.runs ? (
        <>
          <h2 className="detail-h3">Per agent</h2>
          <UsageTable
            label="Usage per agent"
            first="Agent"
            rows={[...summary.byAgent.map((a) => ({ key: a.agent, name: a.agent, cells: totalsCells(a) })), { key: '(total)', name: 'Total', cells: totalsCells(summary.total) }]}
          />
          <h2 className="detail-h3">Per project</h2>
          <UsageTable
            label="Usage per project"
            first="Project"
            rows={summary.byProject.map((p) => ({ key: String(p.projectId), name: baseName(p.projectDir), title: p.projectDir, cells: totalsCells(p) }))}
          />
        </>
      ) : null}
    </Page>
  );
}
