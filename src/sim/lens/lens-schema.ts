import type { GraphqlField } from './graphql/index.js';

// The part of Lens's GraphQL schema the simulator serves (external-apis.md 3.2). Object fields
// need a selection set, leaf fields must not have one; `args` lists the arguments each accepts.

export interface FieldSpec {
  /** Object type of the value, for fields that need a selection set. */
  type?: 'Submission' | 'Job';
  args?: string[];
}

export const SCHEMA: Record<'Query' | 'Submission' | 'Job', Record<string, FieldSpec>> = {
  Query: {
    submissions: { type: 'Submission', args: ['group', 'user', 'from', 'to'] },
    submission: { type: 'Submission', args: ['id', 'pomsTaskID'] },
    job: { type: 'Job', args: ['id'] },
  },
  Submission: {
    id: {},
    pomsTaskID: {},
    done: {},
    error: {},
    running: {},
    idle: {},
    held: {},
    completed: {},
    failed: {},
    cancelled: {},
    njobs: {},
    submitTime: {},
    args: {},
    command: {},
    group: {},
    user: {},
    env: { args: ['name'] },
    jobs: { type: 'Job' },
  },
  Job: {
    id: {},
    status: {},
    done: {},
    error: {},
    exitCode: {},
    holdReason: {},
    dagNodeName: {},
    pomsTaskID: {},
    args: {},
    submitTime: {},
    env: { args: ['name'] },
  },
};

export interface GraphqlError {
  message: string;
  locations?: Array<{ line: number; column: number }>;
  path?: Array<string | number>;
}

/** Validation errors of a selection set against a type (empty = valid). */
export function validateSelections(fields: GraphqlField[], type: keyof typeof SCHEMA): GraphqlError[] {
  const errors: GraphqlError[] = [];
  for (const f of fields) {
    const spec = SCHEMA[type][f.name];
    const at = { locations: [f.loc] };
    if (!spec) {
      errors.push({ message: `Cannot query field "${f.name}" on type "${type}".`, ...at });
      continue;
    }
    for (const a of Object.keys(f.args)) {
      if (!(spec.args ?? []).includes(a))
        errors.push({ message: `Unknown argument "${a}" on field "${type}.${f.name}".`, ...at });
    }
    if (spec.type && f.selections.length === 0)
      errors.push({
        message: `Field "${f.name}" of type "${spec.type}" must have a selection of subfields.`,
        ...at,
      });
    if (!spec.type && f.selections.length > 0)
      errors.push({
        message: `Field "${f.name}" must not have a selection since it has no subfields.`,
        ...at,
      });
    if (spec.type) errors.push(...validateSelections(f.selections, spec.type));
  }
  return errors;
}
