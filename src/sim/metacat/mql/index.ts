// The simulator's MQL engine: the subset POMS writes, parsed and evaluated over the world's catalogue.
export { MqlNotFoundError, MqlSyntaxError, type MqlQuery } from './mql-ast.js';
export { parseMql } from './parse-mql.js';
export { evaluateMql, type MqlCatalogue, type MqlFile } from './evaluate-mql.js';
