import { MqlNotFoundError, type MqlMeta, type MqlQuery } from './mql-ast.js';
import { matchesMeta } from './match-meta.js';
import { parseMql } from './parse-mql.js';

/** A file as MetaCat queries see it. */
export interface MqlFile {
  did: string;
  namespace: string;
  name: string;
  fid: string;
  /** Order of declaration (MetaCat orders `ordered` results by file id). */
  id: number;
  /** Epoch seconds. */
  createdTimestamp: number;
  creator: string;
  size: number;
  metadata: Record<string, unknown>;
}

/** What queries read: the simulated world's one catalogue, seen as MetaCat. */
export interface MqlCatalogue {
  namespaces(): string[];
  /** Every file of a namespace; undefined for an unknown namespace. */
  filesOf(namespace: string): MqlFile[] | undefined;
  byDid(did: string): MqlFile | undefined;
  byFid(fid: string): MqlFile | undefined;
  /** The DIDs of a dataset; undefined when there is none. */
  dataset(did: string): string[] | undefined;
  /** The MQL of a named query; undefined when there is none. */
  namedQuery(did: string): string | undefined;
  parents(f: MqlFile): MqlFile[];
  children(f: MqlFile): MqlFile[];
}

const byId = (a: MqlFile, b: MqlFile) => a.id - b.id;

function unique(files: Iterable<MqlFile>): MqlFile[] {
  const seen = new Map<string, MqlFile>();
  for (const f of files) if (!seen.has(f.did)) seen.set(f.did, f);
  return [...seen.values()];
}

/** Runs a query (text or parsed) now; throws MqlSyntaxError / MqlNotFoundError. */
export function evaluateMql(q: string | MqlQuery, cat: MqlCatalogue, depth = 0): MqlFile[] {
  if (depth > 20) throw new MqlNotFoundError('Named queries nest too deep');
  const ast = typeof q === 'string' ? parseMql(q) : q;
  const run = (x: MqlQuery) => evaluateMql(x, cat, depth);
  const lookup = (did: string) => {
    const f = cat.byDid(did);
    if (!f) throw new MqlNotFoundError(`File ${did} not found`);
    return f;
  };
  switch (ast.k) {
    case 'all':
      return cat.namespaces().flatMap((ns) => cat.filesOf(ns) ?? []);
    case 'dataset':
      return unique(
        ast.dids.flatMap((d) => {
          const files = cat.dataset(d);
          if (!files) throw new MqlNotFoundError(`Dataset ${d} not found`);
          return files.map(lookup);
        }),
      ).sort(byId);
    case 'named': {
      const src = cat.namedQuery(ast.did);
      if (src === undefined) throw new MqlNotFoundError(`Named query ${ast.did} not found`);
      return evaluateMql(src, cat, depth + 1);
    }
    case 'files':
      return unique(ast.dids.map(lookup));
    case 'fids':
      return unique(ast.fids.map((fid) => cat.byFid(fid) ?? (undefined as never)).filter(Boolean));
    case 'union':
      return unique(ast.parts.flatMap(run)).sort(byId);
    case 'join': {
      const [first, ...rest] = ast.parts.map((p) => new Set(run(p).map((f) => f.did)));
      return run(ast.parts[0]).filter((f) => first.has(f.did) && rest.every((s) => s.has(f.did)));
    }
    case 'parents':
    case 'children': {
      const rel = ast.k === 'parents' ? cat.parents : cat.children;
      return unique(run(ast.q).flatMap((f) => rel.call(cat, f))).sort(byId);
    }
    case 'filter':
      return filter(ast.name, ast.params, ast.parts.map(run));
    case 'minus': {
      const drop = new Set(run(ast.b).map((f) => f.did));
      return run(ast.a).filter((f) => !drop.has(f.did));
    }
    case 'where':
      return run(ast.q).filter((f) => matchesMeta(f, ast.cond as MqlMeta));
    case 'ordered':
      return [...run(ast.q)].sort(byId);
    case 'skip':
      return run(ast.q).slice(ast.n);
    case 'limit':
      return run(ast.q).slice(0, ast.n);
  }
}

/** MetaCat's standard filters that POMS uses: `every_nth(n, i)`. */
function filter(name: string, params: number[], inputs: MqlFile[][]): MqlFile[] {
  if (name !== 'every_nth' || params.length !== 2 || inputs.length !== 1 || params[0] < 1)
    throw new MqlNotFoundError(
      `Filter ${name}(${params.join(', ')}) is not defined for ${inputs.length} input(s)`,
    );
  const [n, i] = params;
  return inputs[0].filter((_f, k) => k % n === i);
}
