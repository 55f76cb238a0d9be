import type { DimsMatch, DimsModifiers, DimsNode } from './dims-ast.js';
import type { DimsCatalogue, SimFile } from './dims-catalogue.js';
import { byId, DimsContext, filesNamed, intersect, minus, union, type FileSet } from './dims-context.js';
import {
  DimsDefinitionLoopError,
  DimsError,
  DimsSyntaxError,
  DimsUnknownDefinitionError,
} from './dims-errors.js';
import { inProjectStatus, projectSize, projectStatusSet } from './dims-project-status.js';
import { applyDimsModifiers } from './apply-dims-modifiers.js';
import { leafEstimate, leafSet } from './dims-leaf-set.js';
import { leafTest, type DimsLeaf } from './dims-leaf-test.js';
import { parseDims } from './parse-dims.js';

export interface EvaluateDimsOptions {
  /**
   * true (default): each `and` chain lists its cheapest clause (by the catalogue's indexes) and
   * tests the others file by file, and `A minus B` tests B on A's files, so a query costs the size
   * of what it selects. false: every clause is evaluated as a whole set (the reference the
   * planned evaluation is tested against).
   */
  plan?: boolean;
}

/**
 * Evaluates a dimension query (text or parsed) against the catalogue; files ordered by id.
 * Throws DimsSyntaxError, DimsUnknownDefinitionError, DimsDefinitionLoopError or DimsError.
 */
export function evaluateDims(
  query: string | DimsNode,
  catalogue: DimsCatalogue,
  opts: EvaluateDimsOptions = {},
): SimFile[] {
  return [...resultSet(query, catalogue, opts)].sort(byId);
}

/** How many files the query selects (evaluateDims' length, without ordering them). */
export function countDims(
  query: string | DimsNode,
  catalogue: DimsCatalogue,
  opts: EvaluateDimsOptions = {},
): number {
  return resultSet(query, catalogue, opts).size;
}

function resultSet(query: string | DimsNode, catalogue: DimsCatalogue, opts: EvaluateDimsOptions): FileSet {
  const node = typeof query === 'string' ? parseDims(query) : query;
  const ev = new DimsEvaluator(new DimsContext(catalogue), opts.plan ?? true);
  ev.validate(node, []);
  return ev.files(node);
}

/** `consumed_status` of an `and` chain, joined with the chain's projects (all projects: null). */
interface ProjectStatusOp {
  kind: 'project_status';
  projects: string[] | null;
  statusLists: DimsMatch[][];
}
type Operand = DimsNode | ProjectStatusOp;

class DimsEvaluator {
  private readonly parsed = new Map<string, DimsNode>();
  private readonly validated = new Set<string>();
  private readonly definitions = new Map<string, FileSet>();
  private readonly memo = new Map<DimsNode, FileSet>();
  private readonly costs = new Map<Operand, number>();
  private readonly chains = new Map<DimsNode, Operand[]>();

  constructor(
    private readonly ctx: DimsContext,
    private readonly plan: boolean,
  ) {}

  /** Every error a query can raise, raised before evaluation whatever the plan skips. */
  validate(node: DimsNode, defining: string[]): void {
    if (node.kind === 'set') {
      if (node.op === 'and') for (const o of this.operands(node)) this.validateOperand(o, defining);
      else [node.left, node.right].forEach((n) => this.validate(n, defining));
    } else if (node.kind === 'with' || node.kind === 'relative') this.validate(node.query, defining);
    else if (node.kind === 'consumed_status') this.ctx.allProjects();
    else if (node.kind === 'param' && this.ctx.catalogue.parameterDefined?.(node.key) === false)
      throw new DimsError(`Unknown metadata parameter '${node.key}'`);
    else if (node.kind === 'defname' && !this.validated.has(node.name)) {
      if (defining.includes(node.name)) throw new DimsDefinitionLoopError([...defining, node.name]);
      this.validate(this.definition(node.name), [...defining, node.name]);
      this.validated.add(node.name);
    }
  }

  files(node: Operand): FileSet {
    switch (node.kind) {
      case 'project_status':
        return projectStatusSet(this.ctx, node.projects ?? this.ctx.allProjects(), node.statusLists);
      case 'set':
        if (node.op === 'and' || node.op === 'intersect') return this.all(this.operands(node));
        if (node.op === 'minus')
          return this.plan
            ? select(this.files(node.left), (f) => !this.test(node.right, f))
            : minus(this.files(node.left), this.files(node.right));
        return union(this.files(node.left), this.files(node.right));
      case 'with':
        if (this.plan && isFilter(node.modifiers))
          return select(this.files(node.query), (f) => available(node.modifiers, f));
        return this.memoised(node, () => new Set(applyDimsModifiers(this.files(node.query), node.modifiers)));
      case 'relative': {
        const cat = this.ctx.catalogue;
        const names = [...this.files(node.query)].flatMap((f) =>
          node.relation === 'isparentof' ? cat.parentsOf(f.name) : cat.childrenOf(f.name),
        );
        return filesNamed(this.ctx, names);
      }
      case 'defname': {
        let out = this.definitions.get(node.name);
        if (!out) this.definitions.set(node.name, (out = this.files(this.definition(node.name))));
        return out;
      }
      default:
        return leafSet(this.ctx, node);
    }
  }

  /** Whether one live file is in the node's result. */
  private test(node: Operand, f: SimFile): boolean {
    switch (node.kind) {
      case 'project_status':
        return inProjectStatus(this.ctx, node.projects ?? this.ctx.allProjects(), node.statusLists, f.name);
      case 'set':
        if (node.op === 'and' || node.op === 'intersect')
          return this.operands(node).every((o) => this.test(o, f));
        if (node.op === 'minus') return this.test(node.left, f) && !this.test(node.right, f);
        return this.test(node.left, f) || this.test(node.right, f);
      case 'with':
        if (this.plan && isFilter(node.modifiers))
          return available(node.modifiers, f) && this.test(node.query, f);
        return this.files(node).has(f);
      case 'defname':
        return this.files(node).has(f);
      case 'relative': {
        const cat = this.ctx.catalogue;
        const names = node.relation === 'isparentof' ? cat.childrenOf(f.name) : cat.parentsOf(f.name);
        return names.some((n) => {
          const g = this.ctx.file(n);
          return g !== undefined && this.test(node.query, g);
        });
      }
      default:
        return leafTest(this.ctx, node, f);
    }
  }

  /** An upper bound of the result size, for choosing which clause of a chain to list. */
  private cost(node: Operand): number {
    let c = this.costs.get(node);
    if (c !== undefined) return c;
    switch (node.kind) {
      case 'project_status':
        c = projectSize(this.ctx, node.projects ?? this.ctx.allProjects());
        break;
      case 'set':
        if (node.op === 'and' || node.op === 'intersect')
          c = Math.min(...this.operands(node).map((o) => this.cost(o)));
        else if (node.op === 'minus') c = this.cost(node.left);
        else c = this.cost(node.left) + this.cost(node.right);
        break;
      case 'with':
        c = Math.min(this.cost(node.query), node.modifiers.limit ?? Infinity);
        break;
      case 'relative':
        // About one parent per file; a file's children: a guess of two (outputs per input).
        c = this.cost(node.query) * (node.relation === 'isparentof' ? 1 : 2);
        break;
      case 'defname':
        c = this.cost(this.definition(node.name));
        break;
      default:
        c = leafEstimate(this.ctx, node);
    }
    this.costs.set(node, c);
    return c;
  }

  /** An `and` chain: list the cheapest operand, keep the files every other operand accepts. */
  private all(ops: Operand[]): FileSet {
    if (!this.plan) return ops.map((o) => this.files(o)).reduce(intersect);
    const first = ops.reduce((a, b) => (this.cost(b) < this.cost(a) ? b : a));
    const rest = ops.filter((o) => o !== first);
    const keep = (f: SimFile) => rest.every((o) => this.test(o, f));
    // A leaf lists straight from its index, testing the rest as it goes (no intermediate set).
    if (first.kind === 'project_status')
      return projectStatusSet(this.ctx, first.projects ?? this.ctx.allProjects(), first.statusLists, keep);
    if (isLeaf(first)) return leafSet(this.ctx, first, keep);
    return select(this.files(first), keep);
  }

  /**
   * The operands of `a and b and …` (flattened). `consumed_status` joins with the projects of
   * sibling `project_name` and `snapshot_for_project_name` terms (status inside those projects, as
   * SAM's join does); without such a sibling it matches a status in any project.
   */
  private operands(node: Extract<DimsNode, { kind: 'set' }>): Operand[] {
    let ops = this.chains.get(node);
    if (ops) return ops;
    if (node.op !== 'and') ops = [node.left, node.right];
    else {
      const flat = flattenAnd(node);
      const statusLists = flat.flatMap((n) => (n.kind === 'consumed_status' ? [n.values] : []));
      ops = flat.filter((n) => n.kind !== 'consumed_status');
      if (statusLists.length > 0) {
        const projects = ops.flatMap((n) =>
          n.kind === 'project_name' || n.kind === 'snapshot_for_project_name' ? n.projects : [],
        );
        ops.push({ kind: 'project_status', projects: projects.length ? projects : null, statusLists });
      }
    }
    // Tested file by file in this order: cheap tests first (an `and` is order-free).
    ops.sort((a, b) => testCost(a) - testCost(b));
    this.chains.set(node, ops);
    return ops;
  }

  private validateOperand(o: Operand, defining: string[]): void {
    if (o.kind !== 'project_status') this.validate(o, defining);
    else if (o.projects === null) this.ctx.allProjects();
  }

  private memoised(node: DimsNode, make: () => FileSet): FileSet {
    let out = this.memo.get(node);
    if (!out) this.memo.set(node, (out = make()));
    return out;
  }

  private definition(name: string): DimsNode {
    let node = this.parsed.get(name);
    if (node) return node;
    const text = this.ctx.catalogue.definition(name);
    if (text === undefined) throw new DimsUnknownDefinitionError(name);
    this.parsed.set(name, (node = parseDefinition(name, text)));
    return node;
  }
}

const isLeaf = (o: Operand): o is DimsLeaf =>
  o.kind !== 'set' &&
  o.kind !== 'with' &&
  o.kind !== 'relative' &&
  o.kind !== 'defname' &&
  o.kind !== 'project_status';

/**
 * Rough cost of testing one file against an operand, so an `and` chain tries the cheap tests
 * first: a field of the file itself, then a lookup in a project, then compound operands, and
 * lineage (which reads other files) last.
 */
function testCost(o: Operand): number {
  switch (o.kind) {
    case 'relative':
      return 3;
    case 'set':
    case 'with':
    case 'defname':
      return 2;
    case 'project_status':
    case 'snapshot_id':
    case 'snapshot_for_project_name':
    case 'project_name':
    case 'consumed_status':
      return 1;
    default:
      return 0;
  }
}

/** `with availability …` alone keeps or drops each file by itself (no order, offset or limit). */
const isFilter = (m: DimsModifiers): boolean =>
  m.limit === undefined && m.offset === undefined && m.stride === undefined;

const available = (m: DimsModifiers, f: SimFile): boolean =>
  !m.availability || !m.availability.every((a) => a === 'physical') || f.located;

function select(files: FileSet, keep: (f: SimFile) => boolean): FileSet {
  const out: FileSet = new Set();
  for (const f of files) if (keep(f)) out.add(f);
  return out;
}

function flattenAnd(node: DimsNode): DimsNode[] {
  return node.kind === 'set' && node.op === 'and'
    ? [...flattenAnd(node.left), ...flattenAnd(node.right)]
    : [node];
}

function parseDefinition(name: string, text: string): DimsNode {
  try {
    return parseDims(text);
  } catch (e) {
    if (e instanceof DimsSyntaxError && e.definition === undefined) {
      throw new DimsSyntaxError(e.reason, e.position, text, name);
    }
    throw e;
  }
}
