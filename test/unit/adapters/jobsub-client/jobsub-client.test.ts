import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AdapterError } from '../../../../src/adapters/adapter-error.js';
import {
  JobsubClient,
  jobsubCommands,
  jobsubScript,
  queueWords,
} from '../../../../src/adapters/jobsub/index.js';
import { shellQuote } from '../../../../src/lib/shell-quote.js';
import {
  formatQueueText,
  parseCondorUserLog,
  type QueueRow,
} from '../../../../src/adapters/jobsub/parse/index.js';
import { LocalShell } from '../../../../src/adapters/ssh/index.js';

// JobsubClient through a real local bash, with fake jobsub commands that record their argv.

const bin = mkdtempSync(join(tmpdir(), 'fake-jobsub-'));
const argvLog = join(bin, 'argv.log');
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function fake(name: string, body: string): void {
  const record = `for a in "$@"; do printf '[%s]' "$a"; done >> ${argvLog}; echo >> ${argvLog}\n`;
  writeFileSync(join(bin, name), `#!/bin/bash\nprintf '%s ' ${name} >> ${argvLog}\n${record}${body}\n`);
  chmodSync(join(bin, name), 0o755);
}
const argv = () => readFileSync(argvLog, 'utf8').trim().split('\n');

const now = new Date('2025-04-02T12:00:00Z');
const row: QueueRow = {
  jobId: '5001.0@sim-schedd01.example',
  owner: 'samdevpro',
  submitted: new Date('2025-04-02T10:00:00Z'),
  runtimeSec: 65,
  status: 'R',
  prio: 0,
  sizeMb: 12.5,
  command: 'sim_job.sh',
};
const at = { host: 'localhost', account: 'samdevpro' };
const client = new JobsubClient({
  shell: new LocalShell({ pathPrefix: [bin] }),
  now: () => now,
  timeoutMs: 10_000,
});

beforeEach(() => writeFileSync(argvLog, ''));

describe('JobsubClient', () => {
  it('runs the setup then jobsub_q with quoted values, and parses the listing', async () => {
    fake('jobsub_q', `cat <<'EOT'\n${formatQueueText([row])}EOT`);
    const q = await client.queue(
      {
        group: 'fermilab',
        role: 'Production',
        jobIds: ['5001@sim-schedd01.example'],
        constraint: 'Owner=="a b"',
      },
      at,
      { setup: 'echo setting up; export X=1' },
    );
    expect(q.rows).toHaveLength(1);
    expect(q.rows[0]).toMatchObject({ jobId: row.jobId, status: 'R', runtimeSec: 65 });
    expect(q.totals).toMatchObject({ total: 1, running: 1 });
    expect(q.output).toMatch(/^setting up\n/);
    expect(argv()).toEqual([
      'jobsub_q [-G][fermilab][--role][Production][--jobid=5001@sim-schedd01.example][--constraint][Owner=="a b"]',
    ]);
  });

  it('reports a failing jobsub_q as rejected and a listing-less answer as malformed', async () => {
    fake('jobsub_q', 'echo "Error: no token" >&2; exit 1');
    const e = await client.queue({ group: 'g' }, at, { setup: '' }).catch((x: unknown) => x);
    expect([(e as AdapterError).kind, (e as AdapterError).raw]).toEqual(['rejected', 'Error: no token\n']);
    fake('jobsub_q', 'echo hello');
    expect(
      ((await client.queue({ group: 'g' }, at, { setup: '' }).catch((x: unknown) => x)) as AdapterError).kind,
    ).toBe('malformed');
  });

  it('runs both POMS control commands and counts the matches', async () => {
    for (const [name, done] of [
      ['jobsub_rm', 'marked for removal'],
      ['jobsub_hold', 'held'],
    ])
      fake(
        name,
        `case "$*" in *--constraint*) echo "All jobs matching constraint (POMS4_SUBMISSION_ID==101) have been ${done}";;` +
          ` *) echo "All jobs in cluster 5001 have been ${done}";; esac`,
      );
    const r = await client.control(
      'rm',
      {
        scope: { kind: 'submission', id: 101 },
        group: 'fermilab',
        role: 'Production',
        jobIds: ['5001@s', '5002@s'],
      },
      at,
      { setup: 'true' },
    );
    expect(r.commands[1]).toBe('jobsub_rm -G fermilab --role Production --jobid=5001@s,5002@s');
    expect([r.exitCode, r.matched]).toEqual([0, 2]);
    expect(argv()).toEqual([
      'jobsub_rm [-G][fermilab][--role][Production][--constraint][POMS4_SUBMISSION_ID==101]',
      'jobsub_rm [-G][fermilab][--role][Production][--jobid=5001@s,5002@s]',
    ]);
    const h = await client.control('hold', { scope: { kind: 'stage', id: 7 }, group: "it's" }, at, {
      setup: '',
    });
    expect(h.output).toContain('have been held');
    expect(argv().slice(-1)[0]).toBe("jobsub_hold [-G][it's][--constraint][POMS4_CAMPAIGN_STAGE_ID==7]");
  });

  it('still runs the commands when the setup fails, and reports what they print', async () => {
    fake('jobsub_release', 'echo "No jobs found"; exit 1');
    const r = await client.control('release', { scope: { kind: 'campaign', id: 3 }, group: 'g' }, at, {
      setup: 'false',
    });
    expect([r.exitCode, r.matched, argv().length]).toEqual([1, 0, 2]);
  });

  it('fetches log files byte for byte through the launch host', async () => {
    fake(
      'jobsub_fetchlog',
      'while [ $# -gt 0 ]; do [ "$1" = --destdir ] && d=$2; shift; done; echo "downloading"\n' +
        'printf "line 1\\nline 2\\n" > "$d/5001.0@s.out"; printf "\\x00\\xff bin" > "$d/5001.0@s.log"; mkdir "$d/sub"; : > "$d/sub/empty"',
    );
    const files = await client.fetchLogs('5001.0@s', { group: 'fermilab' }, at, { setup: '' });
    expect(files.map((f) => [f.name, f.content.toString('latin1')])).toEqual([
      ['5001.0@s.log', '\x00\xff bin'],
      ['5001.0@s.out', 'line 1\nline 2\n'],
      ['sub/empty', ''],
    ]);
    expect(argv()[0]).toMatch(/^jobsub_fetchlog \[-G\]\[fermilab\]\[-J\]\[5001\.0@s\]\[--destdir\]\[\/.+\]$/);
  });

  it('reports a failing jobsub_fetchlog as rejected', async () => {
    fake('jobsub_fetchlog', 'echo "401 Unauthorized"; exit 4');
    const e = (await client
      .fetchLogs('1.0@s', { group: 'g' }, at, { setup: '' })
      .catch((x: unknown) => x)) as AdapterError;
    expect([e.kind, e.message]).toEqual([
      'rejected',
      expect.stringContaining('exited with 4: 401 Unauthorized'),
    ]);
  });

  it('runs every command in a launch’s session: credentials, site lines around the setup, files removed after', async () => {
    const dir = join(bin, 'cred');
    const session = {
      setup: 'echo "setup sees $SITE_BEFORE"',
      site: {
        beforeSetup: ['export SITE_BEFORE=yes'],
        afterSetup: ['echo "after: $(cat "$BEARER_TOKEN_FILE")"'],
      },
      credentials: {
        env: [
          ['POMS_CREDENTIAL_DIR', dir],
          ['BEARER_TOKEN_FILE', `${dir}/bt_token`],
          ['POMS_FILE_0_DATA', 'the-token'],
        ] as Array<[string, string]>,
        lines: [
          'mkdir -m 700 "$POMS_CREDENTIAL_DIR"',
          'printf %s "$POMS_FILE_0_DATA" > "$BEARER_TOKEN_FILE"',
        ],
        cleanup: ['rm -rf "$POMS_CREDENTIAL_DIR"'],
      },
    };
    const sees = 'echo "jobsub sees $BEARER_TOKEN_FILE"';
    fake('jobsub_q', `${sees}; cat <<'EOT'\n${formatQueueText([row])}EOT`);
    fake('jobsub_rm', `${sees}; echo "Job 5001.0 marked for removal"`);
    fake(
      'jobsub_fetchlog',
      `${sees}; while [ $# -gt 0 ]; do [ "$1" = --destdir ] && d=$2; shift; done; : > "$d/a.out"`,
    );
    const q = await client.queue({ group: 'fermilab' }, at, session);
    const rm = await client.control('rm', { scope: { kind: 'submission', id: 1 }, group: 'g' }, at, session);
    const logs = await client.fetchLogs('5001.0@s', { group: 'g' }, at, session);
    for (const out of [q.output, rm.output])
      expect(out).toContain(`setup sees yes\nafter: the-token\njobsub sees ${dir}/bt_token`);
    expect(logs.map((f) => f.name)).toEqual(['a.out']);
    expect(existsSync(dir)).toBe(false);
  });

  it('keeps every value out of the script text: values are exported variables', async () => {
    const evil = `$(touch ${bin}/pwned)'"; touch ${bin}/pwned2 #`;
    fake('jobsub_q', `cat <<'EOT'\n${formatQueueText([row])}EOT`);
    await client.queue(
      { group: evil, role: evil, user: evil, constraint: evil, schedd: evil, jobIds: [evil] },
      at,
      {
        setup: '',
      },
    );
    expect(argv()).toEqual([
      `jobsub_q [-G][${evil}][--role][${evil}][--user][${evil}][--jobid=${evil}][--constraint][${evil}][-name][${evil}]`,
    ]);
    const script = jobsubScript(
      { setup: '' },
      jobsubCommands([queueWords({ group: 'g', constraint: evil })]),
    );
    expect(script).toContain('jobsub_q -G "${POMS_ARG_0}" --constraint "${POMS_ARG_1}"');
    expect(script.split('\n').filter((l) => l.includes('touch'))).toEqual([
      `export POMS_ARG_1=${shellQuote(evil)}`,
    ]);
    expect(existsSync(`${bin}/pwned`) || existsSync(`${bin}/pwned2`)).toBe(false);
  });

  it('fetches the files jobsub_lite’s fetchlog --destdir leaves (its flat submit directory) under their own names', async () => {
    // golden/fetchlog-destdir.txt: the names jobsub_lite gives a job's files (templates/simple/simple.cmd:
    // <executable><datetime><uuid>cluster.<C>.<P>.out|err|log, beside the submit files), copied flat.
    const golden = join(import.meta.dirname, '../../../fixtures/golden');
    const names = readFileSync(join(golden, 'fetchlog-destdir.txt'), 'utf8').trim().split('\n');
    const userLog = join(golden, 'condor-user-log.log');
    fake(
      'jobsub_fetchlog',
      'while [ $# -gt 0 ]; do [ "$1" = --destdir ] && d=$2; shift; done\n' +
        `for n in ${names.join(' ')}; do case $n in *.log) cp ${userLog} "$d/$n";; *) echo "$n" > "$d/$n";; esac; done`,
    );
    const files = await client.fetchLogs('71234567.0@jobsub01.fnal.gov', { group: 'mu2e' }, at, {
      setup: '',
    });
    expect(files.map((f) => f.name)).toEqual([...names].sort());
    const logs = files.filter((f) => f.name.endsWith('.log'));
    expect(logs).toHaveLength(2);
    expect(parseCondorUserLog(logs[0].content.toString('utf8'), { now }).length).toBeGreaterThan(0);
  });
});
