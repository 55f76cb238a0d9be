import type { Sam } from '../../adapters/sam/sam.js';
import type { SplitSam } from '../../domain/splits/index.js';

/** The split types' SAM port, bound to one experiment; definitions are replaced on a name clash. */
export function splitSamFor(sam: Sam): (experiment: string) => SplitSam {
  return (experiment) => ({
    countFiles: (dims) => sam.countFiles(experiment, dims),
    listFiles: (dims) => sam.listFiles(experiment, dims),
    fileMetadata: (file) => sam.fileMetadata(experiment, file),
    createDefinition: (name, dims) => sam.createDefinition(experiment, name, dims, { onConflict: 'replace' }),
    takeSnapshot: (defname) => sam.takeSnapshot(experiment, defname),
  });
}
