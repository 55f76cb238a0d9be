import type { ExternalCalls, ExternalService } from '../external-calls.js';
import type { FifeAdapters } from '../fife-adapters.js';

const isService = (name: string): name is ExternalService => ['sam', 'lens', 'ssh'].includes(name);

/**
 * The adapters with every call recorded in `calls`: SAM (the split types' SAM too), Lens, and the
 * launch hosts (the shell the launches use and jobsub's commands, both as `ssh`).
 */
export function observeFife(fife: FifeAdapters, calls: ExternalCalls): FifeAdapters {
  return {
    ...fife,
    shell: calls.observe(fife.shell, 'ssh'),
    splitSamFor: (experiment) => calls.observe(fife.splitSamFor(experiment), 'sam', 'split.'),
    // MetaCat's calls are not among the observed services yet (ExternalService): passed as they are.
    sam: fife.sam && calls.observe(fife.sam, 'sam'),
    lens: fife.lens && calls.observe(fife.lens, 'lens'),
    jobsub: fife.jobsub && calls.observe(fife.jobsub, 'ssh', 'jobsub.'),
    health:
      fife.health &&
      Object.fromEntries(
        Object.entries(fife.health).map(([name, check]) => [
          name,
          isService(name) ? calls.timed(name, 'health', check) : check,
        ]),
      ),
  };
}
