// GraphQL subset of the simulator's Lens front.
export {
  responseKey,
  type GraphqlDocument,
  type GraphqlField,
  type GraphqlLocation,
  type GraphqlValue,
} from './graphql-ast.js';
export { GraphqlSyntaxError, graphqlErrorBody, type GraphqlErrorBody } from './graphql-syntax-error.js';
export { lexGraphql, type GraphqlToken, type GraphqlTokenKind } from './lex-graphql.js';
export { parseGraphql } from './parse-graphql.js';
