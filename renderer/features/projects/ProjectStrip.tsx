import type { Project } from '../../../shared/models/project.js';
import { useApp } from '../../store/store-context.js';
import { RepoStatusLine } from './RepoStatusLine.js';
import { useRepoStatus } from './use-repo-status.js';

/** Over a project's board: where the project is, its repository, and the way to its settings. */
export function ProjectStrip({ project }: { project: Project }) {
  const { entry, refresh } = useRepoStatus(project.id);
  const openPage = useApp((s) => s.openProjectPage);
  return (
    <div className="project-strip" role="region" aria-label={`Project ${project.name}`}>
      <span className="project-where mono" title={project.dir}>
        {project.host ? `${project.host}:` : ''}
        {project.dir}
      </span>
      <RepoStatusLine entry={entry} onRefresh={refresh} />
      <span className="grow" />
      <button type="button" className="btn btn-small" onClick={() => openPage(project.id)}>
        Project settings
      </button>
    </div>
  );
}
