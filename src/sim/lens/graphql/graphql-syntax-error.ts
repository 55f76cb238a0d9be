import type { GraphqlLocation } from './graphql-ast.js';

/** A document the simulator cannot run: bad syntax, or syntax outside the supported subset. */
export class GraphqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly location: GraphqlLocation,
  ) {
    super(message);
    this.name = 'GraphqlSyntaxError';
  }
}

export interface GraphqlErrorBody {
  errors: Array<{ message: string; locations: GraphqlLocation[] }>;
}

/** The response body a GraphQL server sends for a document it cannot parse. */
export function graphqlErrorBody(err: GraphqlSyntaxError): GraphqlErrorBody {
  return { errors: [{ message: err.message, locations: [err.location] }] };
}
