export * from './split-type.js';
export { readSplitSpec, parseSplitSpec, type SplitArgs } from './split-spec.js';
export { splitTypes, findSplitType, validateSplitSpec, nextSplit } from './split-registry.js';
export { listItems } from './list-split.js';
export { multiparamLists } from './multiparam-split.js';
