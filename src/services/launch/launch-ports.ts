import type { SplitSam } from '../../domain/splits/index.js';

// What launching needs from the outside world. The launch host is reached through the RemoteShell
// port (SSH, or the local shell for a launch host of localhost); SAM through the split types' port.
export type { RemoteShell as ShellPort, ShellTarget } from '../../adapters/ssh/remote-shell.js';

/** SAM as the split types need it, for one experiment. */
export type SplitSamFor = (experiment: string) => SplitSam;
