import type { Knex } from 'knex';
import { campaignStore } from '../../db/stores/campaign-store.js';
import {
  IniFormatError,
  parseCampaignIni,
  type CampaignDocument,
  type Problem,
} from '../../domain/ini/index.js';
import { creatorRoleFor } from '../../domain/permissions/roles.js';
import { conflict } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import { defaultsOf } from './campaign-document-of.js';
import { importDefinitions } from './import-definitions.js';
import { danglingDefaultWarnings, documentProblems, missingReferences } from './import-checks.js';
import { emptyReport, type ImportReport } from './import-report.js';
import { importStages } from './import-stages.js';
import { iniLocator, type Locate } from './ini-locator.js';
import { auditChange, ownedBy, requireExperiment, targetOf } from './ownership.js';

export interface ImportOptions {
  /** Problems the parser reported as warnings. */
  warnings?: Problem[];
  locate?: Locate;
  /** Clone and samples: refuse when a campaign of that name exists instead of updating it. */
  mustBeNew?: boolean;
  /** Recorded in the audit entry: 'ini', 'clone', 'sample'. */
  via?: string;
  /** A new campaign's type (not in the .ini): a clone keeps its source's test flag. */
  campaignType?: 'test' | null;
}

/** Two-way 23505 (unique violation) → 409: a concurrent change took a name this one needed. */
function racedName(e: unknown): unknown {
  const code = (e as { code?: string })?.code;
  return code === '23505'
    ? conflict(
        'another change created an object of the same name at the same time; nothing was written, try again',
      )
    : e;
}

const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function stateOf(state: string | undefined, report: ImportReport, locate: Locate): boolean | undefined {
  if (state === undefined) return undefined;
  if (/^active$/i.test(state)) return true;
  if (/^inactive$/i.test(state)) return false;
  report.warnings.push({
    line: locate('campaign', 'state'),
    section: 'campaign',
    key: 'state',
    message: `state '${state}' is neither Active nor Inactive; ignored`,
  });
  return undefined;
}

// Campaign .ini import: the whole file in one transaction, all or nothing. The experiment in the
// address is authoritative; sections are the truth and campaign_stage_list a hint.
export function campaignImportService(db: Knex) {
  async function importDocument(
    user: UserContext,
    experiment: string,
    doc: CampaignDocument,
    opts: ImportOptions = {},
  ): Promise<ImportReport> {
    await requireExperiment(db, user, experiment);
    const locate = opts.locate ?? (() => undefined);
    const report = emptyReport();
    report.warnings.push(...(opts.warnings ?? []));
    const problems = documentProblems(doc, locate);
    if (problems.length > 0) throw IniFormatError.of(problems);
    if (doc.campaign.experiment !== undefined && doc.campaign.experiment !== experiment)
      report.warnings.push({
        line: locate('campaign', 'experiment'),
        section: 'campaign',
        key: 'experiment',
        message: `The file names experiment '${doc.campaign.experiment}'; the campaign is imported into ${experiment}`,
      });
    try {
      return await db.transaction(async (trx) => {
        const campaigns = campaignStore(trx);
        const existing = await campaigns.byName(experiment, doc.campaign.name);
        if (existing && opts.mustBeNew)
          throw conflict(`a campaign named ${doc.campaign.name} already exists in ${experiment}`, [
            { field: 'name', message: 'already exists' },
          ]);
        if (existing) {
          authorize(user, 'modify', targetOf(existing));
          await campaigns.lock(existing.campaign_id);
        } else authorize(user, 'create', { experiment });
        const missing = await missingReferences(trx, experiment, doc, locate);
        if (missing.length > 0) throw IniFormatError.of(missing);
        report.warnings.push(...(await danglingDefaultWarnings(trx, experiment, doc, locate)));

        await importDefinitions(trx, user, experiment, doc, report, locate);

        const ownerRole = existing?.creator_role ?? creatorRoleFor(user.role);
        const fileRole = doc.campaign.pomsRole;
        if (fileRole !== undefined && fileRole.toLowerCase() !== ownerRole)
          report.warnings.push({
            line: locate('campaign', 'poms_role'),
            section: 'campaign',
            key: 'poms_role',
            message: `The file names role '${fileRole}'; the campaign belongs to the ${ownerRole} role`,
          });
        const values = {
          name: doc.campaign.name,
          active: stateOf(doc.campaign.state, report, locate) ?? existing?.active ?? true,
          defaults: doc.defaults,
          keywords: doc.campaign.keywords,
          node_positions: doc.nodePositions,
          stage_list_hint: doc.campaign.stageListHint,
        };
        let id: number;
        if (existing) {
          id = existing.campaign_id;
          const before = {
            name: existing.name,
            active: existing.active,
            defaults: existing.defaults,
            keywords: existing.keywords,
            node_positions: existing.node_positions,
            stage_list_hint: existing.stage_list_hint,
          };
          if (same(before, values)) report.unchanged.push({ kind: 'campaign', name: values.name, id });
          else {
            await campaigns.update(id, values, user.experimenterId);
            report.updated.push({ kind: 'campaign', name: values.name, id });
          }
        } else {
          id = await campaigns.insert({
            ...values,
            campaign_type: opts.campaignType ?? null,
            experiment,
            ...ownedBy(user),
          });
          report.created.push({ kind: 'campaign', name: values.name, id });
        }
        report.campaign_id = id;
        report.campaign = values.name;
        await importStages(
          trx,
          user,
          { id, experiment, oldDefaults: defaultsOf(existing?.defaults) },
          doc,
          report,
        );
        const names = (list: ImportReport['created']) => list.map((o) => `${o.kind} ${o.name}`);
        await auditChange(
          trx,
          user,
          experiment,
          existing ? 'campaign.reimport' : 'campaign.import',
          {
            kind: 'campaign',
            id,
          },
          {
            name: values.name,
            via: opts.via ?? 'ini',
            created: names(report.created),
            updated: names(report.updated),
            detached: names(report.detached),
            warnings: report.warnings.length,
          },
        );
        return report;
      });
    } catch (e) {
      throw racedName(e);
    }
  }

  return {
    importDocument,
    /** Imports a campaign .ini file (bytes are checked to be UTF-8). Refusals write nothing. */
    async importIni(
      user: UserContext,
      experiment: string,
      input: string | Uint8Array,
    ): Promise<ImportReport> {
      await requireExperiment(db, user, experiment);
      const { doc, warnings } = parseCampaignIni(input);
      return importDocument(user, experiment, doc, { warnings, locate: iniLocator(input), via: 'ini' });
    },
  };
}

export type CampaignImportService = ReturnType<typeof campaignImportService>;
