// The MQL subset POMS generates (domain/files/mql), as the simulator parses it. Grammar after
// metacat/mql/grammar (file_query.py, common.py):
//   query   := filtered { "-" filtered }
//   filtered:= primary { "ordered" | "skip" INT | "limit" INT | "where" meta }
//   primary := "files" "from" qname {"," qname} | "files" "selected" "by" qname | "files" (every file)
//            | "files" qname {"," qname} | "fids" FID {"," FID}
//            | ("union" | "join") "(" query {"," query} ")" | "[" … "]" | "{" … "}"
//            | ("parents" | "children") "(" query ")"
//            | "filter" NAME "(" [INT {"," INT}] ")" "(" query {"," query} ")" | "(" query ")"
//   meta    := and {"or" and};  and := term {"and" term}
//   term    := "(" meta ")" | "!" term | scalar CMP const | scalar ["not"] "in" const ":" const
//            | scalar ["not"] "in" "(" const {"," const} ")" | NAME ["not"] "present"
//   scalar  := NAME ["[" ("any" | "all" | INT) "]"];  const := NUMBER | STRING | BOOL | WORD | "datetime" "(" STRING ")"

export type MqlQuery =
  | { k: 'all' }
  | { k: 'dataset'; dids: string[] }
  | { k: 'named'; did: string }
  | { k: 'files'; dids: string[] }
  | { k: 'fids'; fids: string[] }
  | { k: 'union' | 'join'; parts: MqlQuery[] }
  | { k: 'parents' | 'children'; q: MqlQuery }
  | { k: 'filter'; name: string; params: number[]; parts: MqlQuery[] }
  | { k: 'minus'; a: MqlQuery; b: MqlQuery }
  | { k: 'where'; q: MqlQuery; cond: MqlMeta }
  | { k: 'ordered'; q: MqlQuery }
  | { k: 'skip' | 'limit'; q: MqlQuery; n: number };

export type MqlValue = string | number | boolean;

export interface MqlScalar {
  name: string;
  index?: 'any' | 'all' | number;
}

export type MqlMeta =
  | { k: 'or' | 'and'; parts: MqlMeta[] }
  | { k: 'not'; e: MqlMeta }
  | { k: 'cmp'; s: MqlScalar; op: string; v: MqlValue }
  | { k: 'range'; s: MqlScalar; lo: MqlValue; hi: MqlValue; neg: boolean }
  | { k: 'set'; s: MqlScalar; values: MqlValue[]; neg: boolean }
  | { k: 'present'; name: string; neg: boolean };

/** An MQL text MetaCat would refuse (HTTP 400 `MQLSyntaxError: …`). */
export class MqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(`${message} at character ${pos}`);
    this.name = 'MQLSyntaxError';
  }
}

/** A query naming something that does not exist (MetaCat: MQLExecutionError / 404). */
export class MqlNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MQLExecutionError';
  }
}
