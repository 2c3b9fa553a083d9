import { Page } from '../../app/Page.js';
import { useApp } from '../../store/store-context.js';
import { activeCount, waitingCount } from './project-counts.js';
import { ProjectSettingsForm } from './ProjectSettingsForm.js';
import { RepoStatusLine } from './RepoStatusLine.js';
import { SwitchboardFileSection } from './SwitchboardFileSection.js';
import { useRepoStatus } from './use-repo-status.js';

/** A project's page (`#/project/<id>`): where it is, its repository, its own settings and its switchboard.json. */
export function ProjectScreen() {
  const id = useApp((s) => s.projectPageId);
  const project = useApp((s) => s.projects.find((p) => p.id === s.projectPageId) ?? null);
  const loaded = useApp((s) => s.projectsLoaded);
  const counts = useApp((s) => (id == null ? undefined : s.status?.byProject[id]));
  const showBoard = useApp((s) => s.showProjectBoard);
  const { entry, refresh } = useRepoStatus(project ? project.id : null);

  if (!project) {
    return (
      <Page title="Project">
        <p className="empty" role={loaded ? 'alert' : 'status'}>
          {loaded ? `No project has the id ${id ?? '?'}. Pick one under Projects in the sidebar.` : 'Loading the project…'}
        </p>
      </Page>
    );
  }
  return (
    <Page
      title={project.name}
      actions={
        <button type="button" className="btn" onClick={() => void showBoard(project.id)}>
          Board
        </button>
      }
    >
      <div className="project-page">
        <section className="card-section" aria-labelledby="project-repo-head">
          <h2 id="project-repo-head">Repository</h2>
          <dl className="project-facts">
            <dt>Folder</dt>
            <dd className="mono">{project.dir}</dd>
            <dt>Machine</dt>
            <dd>{project.host ? `host ${project.host} (over ssh)` : 'this machine'}</dd>
            <dt>Tasks</dt>
            <dd>
              {activeCount(counts)} active, {waitingCount(counts)} waiting for you
            </dd>
            <dt>Status</dt>
            <dd>
              <RepoStatusLine entry={entry} onRefresh={refresh} />
            </dd>
          </dl>
        </section>
        <ProjectSettingsForm project={project} />
        <SwitchboardFileSection project={project} />
      </div>
    </Page>
  );
}
