// Pure jobsub text: job ids, launch logs, jobsub_submit / jobsub_q output, control commands and
// replies, condor user logs.
export {
  buildControlCommands,
  controlWords,
  groupArgs,
  groupWords,
  scopeConstraint,
  type ControlAct,
  type ControlScope,
} from './build-control-commands.js';
export { formatClassAdValue, parseClassAdValue, type ClassAd, type ClassAdValue } from './classad.js';
export { formatRuntime, formatSubmitTime, parseRuntime, parseSubmitTime } from './condor-time.js';
export {
  condorLogJobs,
  parseCondorUserLog,
  type CondorLogEvent,
  type CondorLogJob,
  type CondorLogOptions,
  type CondorTermination,
} from './condor-user-log.js';
export {
  formatControlReply,
  parseControlReplies,
  type ControlCommand,
  type ControlReply,
  type ControlTarget,
} from './control-replies.js';
export {
  formatQueueRow,
  formatQueueText,
  formatQueueTotals,
  QUEUE_HEADER,
  queueTotals,
} from './format-queue-text.js';
export { formatSubmitOutput, SUBMIT_HIGHLIGHT } from './format-submit-output.js';
export { formatJobId, parseJobId, toLensJobId, toPomsJobId, type ParsedJobId } from './job-id.js';
export { LaunchLogParser, parseLaunchOutput, type LaunchEvents } from './launch-log-parser.js';
export { LAUNCH_ERROR_PATTERNS, LAUNCH_PATTERNS } from './launch-patterns.js';
export { parseQueueRow, parseQueueText, QUEUE_ROW, QUEUE_TOTALS } from './parse-queue-text.js';
export { formatQueueLong, parseQueueLong } from './queue-long.js';
export * from './queue-types.js';
