// Every SAM dimension string POMS builds, in one import. User values are quoted by samQuote
// (sam-quote.ts); file patterns containing a space are raw dims fragments (fileSelector).

export { samQuote, samQuoteList, fileSelector, lineage } from './sam-quote.js';
export { samTime } from './sam-time.js';
export { projectSnapshot, ownOutputs, parentsOfOutputs } from './sam-context.js';
export type { SamSubmissionContext, Availability } from './sam-context.js';
export { splitOutputPatterns, distinctPatterns } from './output-patterns.js';
export {
  recoveryDims,
  consumedStatusRecoveryDims,
  processStatusRecoveryDims,
  addedFilesRecoveryDims,
  deliveredNotConsumedRecoveryDims,
  pendingFilesRecoveryDims,
  inputDefinitionOf,
} from './recovery-dims.js';
export type { RecoveryDimsInput } from './recovery-dims.js';
export { dependencyDims, passThroughDependencyDims } from './dependency-dims.js';
export { locatedCheckPatterns, locatedCheckDims, noProjectLocatedDims } from './located-dims.js';
export {
  outputFilesDims,
  someKidsDims,
  allKidsDims,
  pendingDims,
  consumedStatusDims,
  CONSUMED_STATUS_FILTERS,
  definitionsUnionDims,
  projectsDims,
} from './stats-dims.js';
export type { ConsumedStatusFilter } from './stats-dims.js';
export {
  recoveryDefinitionName,
  dependencyDefinitionName,
  parseChainedDatasetName,
} from './definition-names.js';
export type { ChainedDatasetName } from './definition-names.js';
