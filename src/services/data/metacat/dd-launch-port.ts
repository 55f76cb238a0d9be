import type { DdLaunchPort } from '../../launch/dd-launch-project.js';
import type { MetacatDataHandling } from '../metacat-data-handling.js';

/** The launch's Data Dispatcher project through MetaCat data handling (one env builder for both). */
export function ddLaunchPort(mdh: MetacatDataHandling): DdLaunchPort {
  return {
    async create(submissionId, dataset) {
      const { project, env } = await mdh.launchProject(submissionId, { dataset });
      return { projectId: project.projectId, env: Object.entries(env) };
    },
    preview: (submissionId, dataset) => mdh.previewProject(submissionId, dataset),
    cancel: (projectId) => mdh.cancelProject(projectId),
  };
}
