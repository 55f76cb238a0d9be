import { invalid, type ProblemDetail } from '../../lib/errors.js';
import { samSplitDims } from '../files/sam-split-dims.js';
import type { SplitDialect } from './split-dialect.js';
import { parseSplitSpec, type SplitArgs } from './split-spec.js';

/** A stage's split cursor (the original's cs_last_split): an index, epoch seconds or a SAM snapshot id. */
export type SplitCursor = number | null;

export interface SplitFileMetadata {
  /** `[run, subrun, run_type]` triples as SAM returns them. */
  runs?: ReadonlyArray<readonly [number, number, ...unknown[]]>;
}

/**
 * The catalogue calls split types make, bound to one experiment by the caller: SAM's, or MetaCat's
 * (named queries for definitions, frozen datasets for snapshots). Queries are in `dialect`'s language.
 */
export interface SplitSam {
  countFiles(dims: string): Promise<number>;
  listFiles(dims: string): Promise<string[]>;
  fileMetadata(file: string): Promise<SplitFileMetadata | null>;
  /** Creates the definition, replacing an existing one of the same name. */
  createDefinition(name: string, dims: string): Promise<void>;
  /** Freezes the definition's current files; returns the snapshot id. */
  takeSnapshot(defname: string): Promise<number>;
  /**
   * The files a prestaging project (stagedfiles' dataset field) has consumed, for a catalogue whose
   * query language cannot say it (MetaCat: the Data Dispatcher project's done handles). Absent
   * where the dialect's `staged` query names the project itself (SAM).
   */
  stagedFiles?(project: string): Promise<string[]>;
}

export interface SplitContext {
  sam: SplitSam;
  /** The query language of `sam`; default SAM dimensions. */
  dialect?: SplitDialect;
  /** A fresh uuid-like string for unique definition names. */
  newId(): string;
  now(): Date;
  /** IANA zone for `new_local` / `localtime=1`; default: the process's local zone. */
  timeZone?: string;
}

export interface SplitInput {
  /** The stage's dataset field (keywords already expanded by the caller). */
  dataset: string;
  /** The split spec: the stage's split type, or its test split type for a test launch. */
  spec: string | null | undefined;
  /** The cursor that belongs to `spec` (production and test launches keep separate cursors). */
  cursor: SplitCursor;
  /** ProblemDetail.field used for spec errors; default "split_type". */
  field?: string;
}

export interface SplitOptions {
  /** True: read from SAM only, write nothing, and report what would be defined. */
  dryRun: boolean;
}

export interface SplitDefinition {
  name: string;
  dims: string;
}

export type SplitResult =
  | {
      kind: 'dataset';
      /** What the launch runs on (`%(dataset)s`). */
      dataset: string;
      /**
       * The cursor to store once the launch is committed. In a dry run, types whose cursor is a SAM
       * snapshot id return the input cursor (the new id only exists after the snapshot is taken).
       */
      cursor: SplitCursor;
      /** Definitions created, in order (in a dry run: the ones that would be created and are known). */
      definitions: SplitDefinition[];
      /** True when `dataset` is a plain parameter string for the job, not a catalogue dataset. */
      plain?: true;
    }
  | { kind: 'exhausted'; reason: string };

export interface SplitParamInfo {
  name: string;
  /** Default as written in a spec; absent when the parameter is required. */
  default?: string;
  description: string;
}

export type SplitTypeName =
  | 'none'
  | 'draining'
  | 'list'
  | 'mod'
  | 'nfiles'
  | 'limitn'
  | 'drainingn'
  | 'stagedfiles'
  | 'byrun'
  | 'byexistingruns'
  | 'new'
  | 'new_local'
  | 'multiparam';

/** What the UI split picker shows, and how a type runs. */
export interface SplitType {
  readonly name: SplitTypeName;
  /** Spec syntax, e.g. "mod(n)". */
  readonly syntax: string;
  readonly example: string;
  readonly description: string;
  /** What the stage's dataset field must hold for this type. */
  readonly dataset: string;
  readonly cursor: string;
  readonly params: readonly SplitParamInfo[];
  /** Problems with the parsed spec's parameters (messages only), without touching SAM. */
  checkArgs(args: SplitArgs): string[];
  /** Problems with the dataset field for this type (e.g. multiparam's JSON), without touching SAM. */
  checkDataset(dataset: string): string[];
  next(input: SplitInput, ctx: SplitContext, opts: SplitOptions): Promise<SplitResult>;
}

export interface SplitTypeDefinition<P> extends Omit<SplitType, 'checkArgs' | 'checkDataset' | 'next'> {
  /** Lower-case spellings of the name this type answers to; default [name]. */
  spellings?: readonly string[];
  /** Reads the parameters, pushing one message per problem onto `problems`. */
  parse(args: SplitArgs, problems: string[]): P;
  checkDataset?(dataset: string): string[];
  run(params: P, input: SplitInput, ctx: SplitContext, opts: SplitOptions): Promise<SplitResult>;
}

/** Builds a SplitType whose `next` re-parses `input.spec` and refuses bad specs with AppError (invalid). */
export function defineSplitType<P>(def: SplitTypeDefinition<P>): SplitType {
  const { parse, run, checkDataset = () => [], spellings = [def.name], ...info } = def;
  return {
    ...info,
    checkArgs(args) {
      const problems: string[] = [];
      parse(args, problems);
      return problems;
    },
    checkDataset,
    async next(input, ctx, opts) {
      const field = input.field ?? 'split_type';
      const args = parseSplitSpec(input.spec, field);
      if (!spellings.includes(args.name.toLowerCase())) {
        const message = `Split type '${String(input.spec).trim()}' is not a ${def.syntax} split`;
        throw invalid(message, [{ field, message }]);
      }
      const problems: string[] = [];
      const params = parse(args, problems);
      const details: ProblemDetail[] = problems.map((message) => ({ field, message }));
      details.push(...checkDataset(input.dataset).map((message) => ({ field: 'dataset', message })));
      if (details.length > 0) throw invalid(details[0].message, details);
      return run(params, input, ctx, opts);
    },
  };
}

/** The context's query language (SAM dimensions unless it says otherwise). */
export const dialectOf = (ctx: SplitContext): SplitDialect => ctx.dialect ?? samSplitDims;
