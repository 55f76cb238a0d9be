import type { DataDispatcher, DdProject } from '../../adapters/data-dispatcher/index.js';
import type { Metacat } from '../../adapters/metacat/index.js';
import type { Rucio } from '../../adapters/rucio/index.js';
import { ddLaunchEnv, type DdJobSite } from '../../domain/files/dd-launch-env.js';
import { DEFAULT_MQL_ATTRIBUTION_KEY } from '../../domain/files/mql/mql-keys.js';
import {
  deliveredDids,
  didOf,
  isLocated,
  recoverySelection,
  type DdStateRecovery,
} from '../../domain/files/dd-rules.js';
import {
  attributedOutputsMql,
  type MqlAttributedSubmission,
} from '../../domain/files/mql/attribution-mql.js';
import { amongMql } from '../../domain/files/mql/browse-mql.js';
import { addedFilesMql } from '../../domain/files/mql/recovery-mql.js';
import { invalid } from '../../lib/errors.js';
import {
  fileList,
  orphansOf,
  outputCondition,
  type OutputFilter,
} from '../../domain/files/mql/provenance-mql.js';

// Data handling for an experiment whose data service is `metacat` (issue 19): a launch gets a Data
// Dispatcher project of its dataset's files, whose id the jobs receive; recovery reads the
// project's handle states (or MetaCat provenance for orphans); dependencies and Located read the
// submission's attributed outputs from MetaCat and their replicas from Rucio.

export interface MetacatSubmission {
  submissionId: number;
  /** Its DD project. */
  projectId: number;
  softwareVersion: string;
  created: Date;
  completedAt: Date | null;
  outputAncestorDepth: number;
  /** The dataset it was launched on (`ns:name`), for `added_files` when its project kept no query. */
  dataset?: string | null;
}

export type MetacatRecovery = DdStateRecovery | 'reprocess_orphans' | 'added_files';

export class MetacatDataHandling {
  constructor(
    private readonly mc: Metacat,
    private readonly dd: DataDispatcher,
    private readonly rucio: Rucio,
    /** Where the jobs reach DD and MetaCat, and the metadata key their outputs name the submission under. */
    readonly site: DdJobSite = { attributionParam: DEFAULT_MQL_ATTRIBUTION_KEY },
  ) {}

  /**
   * Makes the DD project a launch runs on, from its dataset (a named query or dataset `ns:name`, or
   * explicit DIDs for a recovery), and the environment its jobs get (ddLaunchEnv).
   */
  async launchProject(
    submissionId: number,
    input: { dataset: string } | { dids: readonly string[] },
    opts: { workerTimeoutS?: number | null } = {},
  ): Promise<{ project: DdProject; env: Record<string, string> }> {
    const query = 'dids' in input ? fileList(input.dids) : await this.projectQuery(input.dataset);
    const dids =
      'dids' in input ? [...input.dids] : (await this.mc.query(query)).map((f) => `${f.namespace}:${f.name}`);
    const project = await this.dd.createProject(dids, {
      query,
      attributes: { poms_submission_id: submissionId },
      workerTimeoutS: opts.workerTimeoutS ?? null,
    });
    const env = ddLaunchEnv({ projectId: project.projectId, submissionId, query, site: this.site });
    return { project, env: Object.fromEntries(env) };
  }

  /**
   * What launchProject would make of a dataset, creating nothing: its MQL, how many files the
   * project would hand out, and the jobs' environment with the project id still to come.
   */
  async previewProject(submissionId: number, dataset: string) {
    const query = await this.projectQuery(dataset);
    const files = await this.mc.count(query);
    return { query, files, env: ddLaunchEnv({ projectId: null, submissionId, query, site: this.site }) };
  }

  /** Ends a project no launch will run (its launch failed before it was recorded). */
  async cancelProject(projectId: number): Promise<void> {
    await this.dd.cancelProject(projectId);
  }

  /** The MQL a launch's project is made from: `files selected by` a named query, else `files from` the dataset. */
  async projectQuery(did: string): Promise<string> {
    return (await this.mc.namedQuery(did)) !== null ? `files selected by ${did}` : `files from ${did}`;
  }

  private async project(projectId: number): Promise<DdProject> {
    const p = await this.dd.project(projectId);
    if (!p) throw new Error(`Data Dispatcher project ${projectId} not found`);
    return p;
  }

  private attribution(s: MetacatSubmission, p: DdProject): MqlAttributedSubmission {
    return { ...s, param: this.site.attributionParam, delivered: deliveredDids(p.handles ?? []) };
  }

  /** The submission's attributed outputs matching each pattern (all of them when none is given). */
  async outputs(s: MetacatSubmission, patterns: readonly string[] = []): Promise<string[]> {
    const base = attributedOutputsMql(this.attribution(s, await this.project(s.projectId)));
    const conds = patterns.map((pattern) => outputCondition({ pattern, after: s.created }));
    const q = conds.length ? `(${base}) where ${conds.map((c) => `(${c})`).join(' or ')}` : base;
    return (await this.mc.query(q)).map((f) => `${f.namespace}:${f.name}`);
  }

  /** Whether `did` is one of the submission's attributed outputs (any pattern, any location). */
  async isOutput(s: MetacatSubmission, did: string): Promise<boolean> {
    const base = attributedOutputsMql(this.attribution(s, await this.project(s.projectId)));
    return (await this.mc.count(amongMql(did, base))) > 0;
  }

  /** The handles of the submission's project. */
  async handles(s: MetacatSubmission) {
    return (await this.project(s.projectId)).handles ?? [];
  }

  /** Located: the project ended and every attributed output matching the patterns has a Rucio replica. */
  async located(s: MetacatSubmission, patterns: readonly string[] = []) {
    const p = await this.project(s.projectId);
    const expected = await this.outputs(s, patterns);
    const replicated = expected.length ? (await this.rucio.listReplicas(expected)).length : 0;
    const done = (p.handles ?? []).filter((h) => h.state === 'done').length;
    const projectEnded = p.state !== 'active' && p.state !== 'abandoned';
    const x = { projectEnded, done, expected: expected.length, replicated };
    return { ...x, located: isLocated(x), handles: p.handles ?? [] };
  }

  /** The input DIDs a recovery of this type re-runs. */
  async recoveryFiles(
    s: MetacatSubmission,
    type: MetacatRecovery,
    filters: readonly OutputFilter[] = [],
  ): Promise<string[]> {
    const p = await this.project(s.projectId);
    const handles = p.handles ?? [];
    if (type === 'added_files') return this.addedFiles(s, p);
    if (type !== 'reprocess_orphans') return recoverySelection(type, handles);
    const ended = handles.filter((h) => h.state === 'done' || h.state === 'failed').map(didOf);
    if (!ended.length) return [];
    const q = orphansOf(
      fileList(ended),
      filters.length ? filters : [{ pattern: '%', after: s.created }],
      s.outputAncestorDepth,
    );
    return (await this.mc.query(q)).map((f) => `${f.namespace}:${f.name}`);
  }

  /** Files the project's input query (else the submission's dataset) selects now that the project lacks. */
  private async addedFiles(s: MetacatSubmission, p: DdProject): Promise<string[]> {
    const input = p.query ?? (s.dataset ? await this.projectQuery(s.dataset) : null);
    if (!input) {
      const message = `added_files needs the input query: Data Dispatcher project ${p.projectId} kept none and the submission has no dataset`;
      throw invalid(message, [{ field: 'dataset', message }]);
    }
    const q = addedFilesMql(input, (p.handles ?? []).map(didOf));
    return (await this.mc.query(q)).map((f) => `${f.namespace}:${f.name}`);
  }

  /**
   * The MQL of the attributed outputs of `subs` matching `pattern` (a dependency's selection);
   * reads their DD projects, writes nothing (the Check chain counts it as is).
   */
  async dependencyQuery(subs: readonly MetacatSubmission[], pattern: string): Promise<string> {
    const each = await Promise.all(
      subs.map(async (x) => {
        const base = attributedOutputsMql(this.attribution(x, await this.project(x.projectId)));
        return `(${base}) where ${outputCondition({ pattern, after: x.created })}`;
      }),
    );
    return each.length === 1 ? each[0] : `union(${each.join(', ')})`;
  }

  /**
   * The downstream stage's input: a named query `<ns>:poms_depends_<sid>_<i>` (or `name`) over the
   * attributed outputs matching the dependency's pattern of the upstream submission and of each of
   * its recoveries (`s` a list: the original first). Returns its name, MQL and size.
   */
  async dependency(
    s: MetacatSubmission | readonly MetacatSubmission[],
    dep: { index: number; pattern: string; namespace: string; name?: string },
  ) {
    const subs = Array.isArray(s) ? (s as readonly MetacatSubmission[]) : [s as MetacatSubmission];
    const query = await this.dependencyQuery(subs, dep.pattern);
    const name = `${dep.namespace}:${dep.name ?? `poms_depends_${subs[0].submissionId}_${dep.index}`}`;
    await this.mc.createNamedQuery(name, query, { update: true });
    return { name, query, count: await this.mc.count(`files selected by ${name}`) };
  }
}
