// The GraphQL subset the simulator's Lens front accepts: one query operation, fields with aliases,
// literal arguments and nested selection sets.

/** 1-based, as in GraphQL error `locations`. */
export interface GraphqlLocation {
  line: number;
  column: number;
}

/** Literal argument values; Int and Float are both numbers, enum values keep their name. */
export type GraphqlValue = string | number | boolean | null | { enum: string };

export interface GraphqlField {
  alias?: string;
  name: string;
  args: Record<string, GraphqlValue>;
  /** Empty for a leaf field. */
  selections: GraphqlField[];
  loc: GraphqlLocation;
}

export interface GraphqlDocument {
  operation: 'query';
  name?: string;
  selections: GraphqlField[];
}

/** The key a field's value has in the response: its alias, else its name. */
export function responseKey(field: GraphqlField): string {
  return field.alias ?? field.name;
}
