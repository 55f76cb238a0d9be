// The jobsub port and its client over a RemoteShell (pure text handling lives in ./parse).
export type {
  ControlAction,
  ControlRequest,
  ControlResult,
  ControlScope,
  HostSession,
  JobLogFile,
  JobSelector,
  Jobsub,
  JobsubCallOptions,
  QueueListing,
  QueueRow,
  QueueTotals,
} from './jobsub.js';
export { JobsubClient, type JobsubClientOptions } from './jobsub-client.js';
export { fetchLogsCommands, jobsubCommands, jobsubScript, queueWords } from './jobsub-script.js';
export { parseLogBundle } from './parse-log-bundle.js';
