import type { Knex } from 'knex';
import type { Sam } from '../../adapters/sam/sam.js';
import { chainWarnings, type ChainWarning } from '../../domain/dependencies/chain-warnings.js';
import type { DataServiceKind } from '../../domain/files/data-service-kind.js';
import { splitOutputPatterns } from '../../domain/files/output-patterns.js';
import { resolveStage, type CampaignDocument } from '../../domain/ini/index.js';
import { jobTypesNamed, loginSetupsNamed } from '../campaigns/campaign-document-of.js';
import { previewCredentials, type CredentialsFor } from '../launch/launch-credentials.js';
import type { MetacatDataHandling } from '../data/metacat-data-handling.js';
import { dependencySelection, latestWithProjects, type DependencySelection } from './dependency-selection.js';
import { metacatDependencySelection } from './metacat-dependency-selection.js';
import { stageDelivery, type DeliveryDeps, type StageDelivery } from './stage-delivery.js';

export interface CheckChainDeps extends DeliveryDeps {
  db: Knex;
  sam?: Sam;
  /** MetaCat experiments' dependencies are counted through it (nothing is created). */
  metacat?: MetacatDataHandling;
  credentialsFor?: CredentialsFor;
}

export interface CheckChainInput {
  experiment: string;
  doc: CampaignDocument;
  /** The saved campaign the stages are matched with by name (split cursors, outputs); null: none. */
  campaignId: number | null;
  /** The campaign's creator role: the credentials its launches need. */
  creatorRole: string;
  /** Who would launch (the credentials checked are theirs). */
  launcher: string;
}

export interface StageCheck extends StageDelivery {
  name: string;
  type: string;
  splitType: string | null;
  jobType: string | null;
  loginSetup: string | null;
}

export interface DependencyCheck extends DependencySelection {
  upstream: string;
  downstream: string;
  filePattern: string;
}

export interface ChainReport {
  campaign: { id: number | null; name: string };
  stages: StageCheck[];
  dependencies: DependencyCheck[];
  warnings: ChainWarning[];
}

const noneToNull = (v: string | null | undefined): string | null =>
  v === null || v === undefined || /^(none)?$/i.test(v.trim()) ? null : v;

/** The Check chain of one campaign document; see chainCheckService. */
export async function checkChain(deps: CheckChainDeps, input: CheckChainInput): Promise<ChainReport> {
  const { db } = deps;
  const { doc, experiment } = input;
  const stages = doc.stages.map((s) => resolveStage(s, doc.defaults));
  // The experiment's data service and the saved stages' split cursors, in one statement.
  const rows: Array<{
    data_service: DataServiceKind | null;
    name: string | null;
    stage_id: number | null;
    split_cursor: string | null;
    test_split_cursor: string | null;
  }> = await db('experiments as e')
    .leftJoin('stages as s', (j) => j.on('s.campaign_id', '=', db.raw('?', [input.campaignId])))
    .where('e.experiment', experiment)
    .select('e.data_service', 's.stage_id', 's.name', 's.split_cursor', 's.test_split_cursor');
  const saved = new Map(
    rows.flatMap((r) => (r.stage_id === null ? [] : [[r.name!, { ...r, stage_id: r.stage_id }] as const])),
  );
  const service: DataServiceKind = rows[0]?.data_service ?? 'sam';
  const named = <T extends { name: string }>(inText: T[], stored: T[]) =>
    new Map([...stored, ...inText].map((d) => [d.name, d]));
  // Only what the document does not define already (a saved campaign's document holds them all).
  const wanted = (k: 'jobType' | 'loginSetup', defined: Array<{ name: string }>) =>
    [...new Set(stages.flatMap((s) => (s[k] ? [s[k]!] : [])))].filter(
      (n) => !defined.some((d) => d.name === n),
    );
  const storedJobTypes = wanted('jobType', doc.jobTypes);
  const storedLoginSetups = wanted('loginSetup', doc.loginSetups);
  const jobTypes = named(
    doc.jobTypes,
    storedJobTypes.length ? await jobTypesNamed(db, experiment, storedJobTypes) : [],
  );
  const loginSetups = named(
    doc.loginSetups,
    storedLoginSetups.length ? await loginSetupsNamed(db, experiment, storedLoginSetups) : [],
  );
  const { problem: credentialProblem } = await previewCredentials(deps.credentialsFor, {
    experiment,
    creatorRole: input.creatorRole,
    username: input.launcher,
    now: deps.now(),
  });
  const checks: StageCheck[] = [];
  for (const s of stages) {
    const row = saved.get(s.name);
    const cursor = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
    const delivery = await stageDelivery(deps, {
      experiment,
      dataService: service,
      campaign: { keywords: doc.campaign.keywords },
      stage: {
        name: s.name,
        dataset: noneToNull(s.datasetOrSplitData) ?? '',
        splitType: noneToNull(s.csSplitType),
        splitCursor: cursor(row?.split_cursor),
        testSplitType: noneToNull(s.testSplitType),
        testSplitCursor: cursor(row?.test_split_cursor),
      },
    });
    checks.push({
      name: s.name,
      type: s.stageType,
      splitType: noneToNull(s.csSplitType),
      jobType: s.jobType ?? null,
      loginSetup: s.loginSetup ?? null,
      ...delivery,
    });
  }
  const byName = new Map(checks.map((c) => [c.name, c]));
  const outputs = await latestWithProjects(
    db,
    doc.dependencies.flatMap((d) => saved.get(d.upstream)?.stage_id ?? []),
    service === 'sam' ? 'project' : 'dd_project_id',
  );
  const dependencies: DependencyCheck[] = [];
  for (const d of doc.dependencies) {
    if (d.upstream === d.downstream) continue; // the stage's next split, not a selection of outputs
    const up = byName.get(d.upstream);
    const upstream = {
      stageId: saved.get(d.upstream)?.stage_id ?? null,
      latest: outputs.get(saved.get(d.upstream)?.stage_id ?? -1) ?? [],
      type: up?.type ?? 'regular',
      passedDataset: up && up.definitions.length === 0 ? up.dataset : null,
    };
    const selection =
      service === 'sam'
        ? await dependencySelection(deps, experiment, upstream, d.filePattern)
        : await metacatDependencySelection(deps, experiment, upstream, d.filePattern);
    dependencies.push({
      upstream: d.upstream,
      downstream: d.downstream,
      filePattern: d.filePattern,
      ...selection,
    });
  }
  const warnings = chainWarnings(
    checks.map((c) => ({
      name: c.name,
      jobType: c.jobType,
      loginSetup: c.loginSetup,
      jobTypeExists: c.jobType ? jobTypes.has(c.jobType) : undefined,
      loginSetupExists: c.loginSetup ? loginSetups.has(c.loginSetup) : undefined,
      outputPatterns: c.jobType ? splitOutputPatterns(jobTypes.get(c.jobType)?.outputFilePatterns) : [],
    })),
    dependencies.map((d) => ({
      upstream: d.upstream,
      downstream: d.downstream,
      pattern: d.filePattern,
      ...(d.files === null ? {} : { matches: d.files }),
    })),
    credentialProblem ?? null,
  );
  for (const c of checks) {
    if (c.problem)
      warnings.push({ kind: 'dataset', stage: c.name, message: `stage ${c.name}: ${c.problem}` });
    else if (c.exhausted)
      warnings.push({ kind: 'exhausted', stage: c.name, message: `stage ${c.name}: ${c.exhausted}` });
  }
  return {
    campaign: { id: input.campaignId, name: doc.campaign.name },
    stages: checks,
    dependencies,
    warnings,
  };
}
