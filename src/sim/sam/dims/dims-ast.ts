// Syntax tree of a SAM dimension query. `pos` is the 0-based character offset of the node's first
// token in the query text.

export type DimsSetOp = 'and' | 'or' | 'minus' | 'union' | 'intersect';
export type DimsCmpOp = '<' | '<=' | '>' | '>=' | '=';
export type DimsAvailability = 'physical' | 'anylocation' | 'virtual' | 'default';
export type DimsStringField = 'file_name' | 'version' | 'data_tier';
export type DimsDateField = 'create_date' | 'end_time';

/** One value of a list; `like` = SQL LIKE (`%`, `_`) instead of equality. */
export interface DimsMatch {
  value: string;
  like: boolean;
}

export interface DimsDate {
  /** Milliseconds since the epoch (UTC). */
  epochMs: number;
  /** The literal had no time part: it denotes 00:00 UTC, and `=` matches the whole day. */
  dateOnly: boolean;
}

export interface DimsModifiers {
  limit?: number;
  offset?: number;
  stride?: number;
  availability?: DimsAvailability[];
}

export type DimsNode =
  | { kind: 'set'; op: DimsSetOp; left: DimsNode; right: DimsNode; pos: number }
  | { kind: 'with'; query: DimsNode; modifiers: DimsModifiers; pos: number }
  | { kind: 'relative'; relation: 'isparentof' | 'ischildof'; query: DimsNode; pos: number }
  | { kind: 'defname'; name: string; pos: number }
  | { kind: 'snapshot_id'; ids: number[]; pos: number }
  | { kind: 'snapshot_for_project_name'; projects: string[]; pos: number }
  | { kind: 'project_name'; projects: string[]; pos: number }
  | { kind: 'consumed_status'; values: DimsMatch[]; pos: number }
  | { kind: 'field'; field: DimsStringField; values: DimsMatch[]; pos: number }
  /** An experiment-defined `category.param` metadata value (a file without it never matches). */
  | { kind: 'param'; key: string; values: DimsMatch[]; pos: number }
  | { kind: 'run_number'; runs: Array<{ run: number; subrun?: number }>; pos: number }
  | { kind: 'date'; field: DimsDateField; op: DimsCmpOp; value: DimsDate; pos: number };
