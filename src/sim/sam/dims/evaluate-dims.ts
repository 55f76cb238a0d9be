import type { DimsNode } from './dims-ast.js';
import type { DimsCatalogue, SimFile } from './dims-catalogue.js';
import { byId, createDimsContext, filesNamed, intersect, minus, union } from './dims-context.js';
import type { DimsContext, FileSet } from './dims-context.js';
import { DimsDefinitionLoopError, DimsSyntaxError, DimsUnknownDefinitionError } from './dims-errors.js';
import { allProjects, projectStatusSet } from './dims-project-status.js';
import { applyDimsModifiers } from './apply-dims-modifiers.js';
import { leafSet } from './dims-leaf-set.js';
import { parseDims } from './parse-dims.js';

/**
 * Evaluates a dimension query (text or parsed) against the catalogue; files ordered by id.
 * Throws DimsSyntaxError, DimsUnknownDefinitionError, DimsDefinitionLoopError or DimsError.
 */
export function evaluateDims(query: string | DimsNode, catalogue: DimsCatalogue): SimFile[] {
  const node = typeof query === 'string' ? parseDims(query) : query;
  return [...new DimsEvaluator(createDimsContext(catalogue)).evaluate(node)].sort(byId);
}

class DimsEvaluator {
  /** Definitions are dynamic but stable within one evaluation. */
  private readonly definitions = new Map<string, FileSet>();
  private readonly evaluating: string[] = [];

  constructor(private readonly ctx: DimsContext) {}

  evaluate(node: DimsNode): FileSet {
    switch (node.kind) {
      case 'set':
        if (node.op === 'and') return this.andChain(node);
        return combine(node.op, this.evaluate(node.left), this.evaluate(node.right));
      case 'with':
        return new Set(applyDimsModifiers(this.evaluate(node.query), node.modifiers));
      case 'relative':
        return this.relatives(node.relation, this.evaluate(node.query));
      case 'defname':
        return this.definition(node.name);
      default:
        return leafSet(this.ctx, node);
    }
  }

  /**
   * `a and b and …` flattened. `consumed_status` joins with the projects of sibling `project_name`
   * and `snapshot_for_project_name` terms (status inside those projects, as SAM's join does);
   * without such a sibling it matches a status in any project.
   */
  private andChain(node: DimsNode): FileSet {
    const operands = flattenAnd(node);
    const statuses = operands.flatMap((n) => (n.kind === 'consumed_status' ? [n.values] : []));
    const others = operands.filter((n) => n.kind !== 'consumed_status');
    const sets = others.map((n) => this.evaluate(n));
    if (statuses.length > 0) {
      const projects = others.flatMap((n) =>
        n.kind === 'project_name' || n.kind === 'snapshot_for_project_name' ? n.projects : [],
      );
      sets.push(projectStatusSet(this.ctx, projects.length ? projects : allProjects(this.ctx), statuses));
    }
    return sets.reduce(intersect);
  }

  private relatives(relation: 'isparentof' | 'ischildof', inner: FileSet): FileSet {
    const cat = this.ctx.catalogue;
    const names = [...inner].flatMap((f) =>
      relation === 'isparentof' ? cat.parentsOf(f.name) : cat.childrenOf(f.name),
    );
    return filesNamed(this.ctx, names);
  }

  private definition(name: string): FileSet {
    const done = this.definitions.get(name);
    if (done) return done;
    if (this.evaluating.includes(name)) throw new DimsDefinitionLoopError([...this.evaluating, name]);
    const text = this.ctx.catalogue.definition(name);
    if (text === undefined) throw new DimsUnknownDefinitionError(name);
    this.evaluating.push(name);
    try {
      const result = this.evaluate(parseDefinition(name, text));
      this.definitions.set(name, result);
      return result;
    } finally {
      this.evaluating.pop();
    }
  }
}

function flattenAnd(node: DimsNode): DimsNode[] {
  return node.kind === 'set' && node.op === 'and'
    ? [...flattenAnd(node.left), ...flattenAnd(node.right)]
    : [node];
}

function combine(op: 'or' | 'union' | 'minus' | 'intersect', a: FileSet, b: FileSet): FileSet {
  if (op === 'minus') return minus(a, b);
  return op === 'intersect' ? intersect(a, b) : union(a, b);
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
