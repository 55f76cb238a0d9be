import { isExternalService, type ExternalCalls } from '../external-calls.js';
import type { FifeAdapters } from '../fife-adapters.js';

/**
 * The adapters with every call recorded in `calls`: SAM and MetaCat (the split types' too), Lens,
 * Data Dispatcher, Rucio, and the launch hosts (the shell the launches use and jobsub's commands, both as `ssh`).
 */
export function observeFife(fife: FifeAdapters, calls: ExternalCalls): FifeAdapters {
  return {
    ...fife,
    shell: calls.observe(fife.shell, 'ssh'),
    splitSamFor: (experiment) => calls.observe(fife.splitSamFor(experiment), 'sam', 'split.'),
    splitMetacatFor:
      fife.splitMetacatFor &&
      ((experiment) => calls.observe(fife.splitMetacatFor!(experiment), 'metacat', 'split.')),
    metacat: fife.metacat && calls.observe(fife.metacat, 'metacat'),
    dataDispatcher: fife.dataDispatcher && calls.observe(fife.dataDispatcher, 'data_dispatcher'),
    rucio: fife.rucio && calls.observe(fife.rucio, 'rucio'),
    sam: fife.sam && calls.observe(fife.sam, 'sam'),
    lens: fife.lens && calls.observe(fife.lens, 'lens'),
    jobsub: fife.jobsub && calls.observe(fife.jobsub, 'ssh', 'jobsub.'),
    health:
      fife.health &&
      Object.fromEntries(
        Object.entries(fife.health).map(([name, check]) => [
          name,
          isExternalService(name) ? calls.timed(name, 'health', check) : check,
        ]),
      ),
  };
}
