import type { Knex } from 'knex';
import { jobTypeStore } from '../../db/stores/job-type-store.js';
import { loginSetupStore } from '../../db/stores/login-setup-store.js';
import type { JobTypeDocument, LoginSetupDocument } from '../../domain/ini/index.js';
import { loginSetupAccountProblem } from '../../domain/launch/index.js';
import { decide } from '../../domain/permissions/permissions.js';
import { invalid } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import type { ImportReport } from './import-report.js';
import type { Locate } from './ini-locator.js';
import { auditChange, ownedBy, targetOf } from './ownership.js';

type Outcome = 'created' | 'updated' | 'unchanged';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Job types and login setups the file defines: created when new; when one of that name exists,
 * updated if the caller may modify it, else kept as it is with a warning (the campaign then uses
 * the existing one). Identical ones are left untouched.
 */
export async function importDefinitions(
  trx: Knex.Transaction,
  user: UserContext,
  experiment: string,
  defs: { loginSetups: LoginSetupDocument[]; jobTypes: JobTypeDocument[] },
  report: ImportReport,
  locate: Locate,
): Promise<void> {
  const note = (outcome: Outcome, kind: 'job_type' | 'login_setup', name: string, id: number) =>
    report[outcome].push({ kind, name, id });
  const refuse = (kind: 'job_type' | 'login_setup', name: string, reason: string) => {
    const section = `${kind} ${name}`;
    report.warnings.push({
      line: locate(section),
      section,
      message: `${kind === 'job_type' ? 'Job type' : 'Login setup'} '${name}' already exists and differs from the file, but you may not change it (${reason}); the existing one is used`,
    });
  };

  const logins = loginSetupStore(trx);
  for (const ls of defs.loginSetups) {
    const values = { launch_host: ls.host, launch_account: ls.account, launch_setup: ls.setup };
    const row = await logins.byName(experiment, ls.name);
    const accountRule = (creatorRole: string, owner: string | null) => {
      const problem = loginSetupAccountProblem(creatorRole, owner, ls.account);
      const section = `login_setup ${ls.name}`;
      if (problem)
        throw invalid(`[${section}] account: ${problem}`, [
          { section, key: 'account', line: locate(section, 'account'), message: problem },
        ]);
    };
    if (!row) {
      authorize(user, 'create', { experiment });
      accountRule(ownedBy(user).creator_role, user.username);
      const id = await logins.insert({
        name: ls.name,
        active: true,
        ...values,
        experiment,
        ...ownedBy(user),
      });
      await auditChange(
        trx,
        user,
        experiment,
        'login_setup.create',
        { kind: 'login_setup', id },
        {
          name: ls.name,
          via: 'import',
        },
      );
      note('created', 'login_setup', ls.name, id);
      continue;
    }
    const current = {
      launch_host: row.launch_host,
      launch_account: row.launch_account,
      launch_setup: row.launch_setup,
    };
    if (same(current, values)) {
      note('unchanged', 'login_setup', ls.name, row.login_setup_id);
      continue;
    }
    const may = decide(user, 'modify', targetOf(row));
    if (!may.allowed) {
      refuse('login_setup', ls.name, may.reason);
      note('unchanged', 'login_setup', ls.name, row.login_setup_id);
      continue;
    }
    accountRule(row.creator_role, row.creator_username);
    await logins.update(row.login_setup_id, values, user.experimenterId);
    await auditChange(
      trx,
      user,
      experiment,
      'login_setup.update',
      { kind: 'login_setup', id: row.login_setup_id },
      {
        name: ls.name,
        via: 'import',
      },
    );
    note('updated', 'login_setup', ls.name, row.login_setup_id);
  }

  const jobs = jobTypeStore(trx);
  for (const jt of defs.jobTypes) {
    const values = {
      launch_script: jt.launchScript,
      parameters: jt.parameters,
      output_file_patterns: jt.outputFilePatterns ?? '%',
    };
    const rungs = jt.recoveries.map((r) => ({
      recovery_type: r.recoveryType,
      param_overrides: r.paramOverrides,
    }));
    const row = await jobs.byName(experiment, jt.name);
    if (!row) {
      authorize(user, 'create', { experiment });
      const id = await jobs.insert({ name: jt.name, active: true, ...values, experiment, ...ownedBy(user) });
      await jobs.replaceRecoveries(id, rungs);
      await auditChange(
        trx,
        user,
        experiment,
        'job_type.create',
        { kind: 'job_type', id },
        {
          name: jt.name,
          via: 'import',
        },
      );
      note('created', 'job_type', jt.name, id);
      continue;
    }
    const current = {
      launch_script: row.launch_script,
      parameters: row.parameters,
      output_file_patterns: row.output_file_patterns,
    };
    if (same(current, values) && same(await jobs.recoveries(row.job_type_id), rungs)) {
      note('unchanged', 'job_type', jt.name, row.job_type_id);
      continue;
    }
    const may = decide(user, 'modify', targetOf(row));
    if (!may.allowed) {
      refuse('job_type', jt.name, may.reason);
      note('unchanged', 'job_type', jt.name, row.job_type_id);
      continue;
    }
    await jobs.update(row.job_type_id, values, user.experimenterId);
    await jobs.replaceRecoveries(row.job_type_id, rungs);
    await auditChange(
      trx,
      user,
      experiment,
      'job_type.update',
      { kind: 'job_type', id: row.job_type_id },
      {
        name: jt.name,
        via: 'import',
      },
    );
    note('updated', 'job_type', jt.name, row.job_type_id);
  }
}
