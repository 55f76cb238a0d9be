// Lens GraphQL documents POMS sends, and parsing of the answers.
export { batchedSubmissionsQuery, BATCH_ENV, type BatchAlias } from './batched-query.js';
export { graphqlInt, graphqlName, graphqlString } from './graphql-literal.js';
export { LensAnswerError } from './lens-answer-error.js';
export {
  COUNT_FIELDS,
  DD_ENV,
  envFields,
  lensTimestamp,
  recentSubmissionsQuery,
  submissionCountsQuery,
  submissionProjectQuery,
  type LensKey,
} from './lens-documents.js';
export { lensEntrySchema, type LensEntry } from './lens-entry.js';
export { parseSubmissionJobs, submissionJobsQuery, type LensJob } from './lens-jobs.js';
export {
  parseBatchedAnswer,
  parseLensEnvelope,
  parseRecentSubmissions,
  parseSubmissionAnswer,
  type BatchItem,
  type LensGraphqlError,
} from './parse-lens-answer.js';
export { PROJECT_PATTERNS, projectFromCommand, samProjectFrom } from './sam-project-from.js';
