// SAM dimension engine of the simulator: parse and evaluate the dims subset of external-apis.md 2.5.
export type * from './dims-ast.js';
export type { DimsCatalogue, SimFile } from './dims-catalogue.js';
export {
  DimsDefinitionLoopError,
  DimsError,
  DimsSyntaxError,
  DimsUnknownDefinitionError,
} from './dims-errors.js';
export { countDims, evaluateDims } from './evaluate-dims.js';
export { likeToRegExp } from './like-pattern.js';
export { parseDims } from './parse-dims.js';
export { parseDimsDate } from './parse-dims-date.js';
export { tokenizeDims, type DimsToken, type DimsTokenKind } from './tokenize-dims.js';
