import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webhookSecret } from '../../../src/config/exposure.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../helpers/config-problems.js';
import { DEV_WEBHOOK_SECRET } from '../../../src/config/notify-config.js';

const problems = configProblems;

describe('loadConfig', () => {
  it('has working defaults with nothing configured', () => {
    const c = loadConfig({});
    expect(c.server.port).toBe(8080);
    expect(c.database.url).toBeUndefined();
    expect(c.auth.mode).toBe('dev');
    expect(Object.isFrozen(c.server)).toBe(true);
  });

  it('reads an ini file named by POMS_CONFIG and lets the environment override it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomscfg-'));
    const file = path.join(dir, 'poms.ini');
    fs.writeFileSync(
      file,
      '[server]\nport = 9000\nsession_secret = a-long-random-secret-for-this-test-0123\n' +
        '[auth]\nmode = header\nheader_name = X-Shib-Userid\ntrusted_proxies = 127.0.0.1\n',
    );
    const c = loadConfig({ POMS_CONFIG: file, POMS_AUTH_HEADER_NAME: 'X-Remote-User', PORT: '9100' });
    expect(c.server.port).toBe(9100);
    expect(c.auth.mode).toBe('header');
    expect(c.auth.header_name).toBe('X-Remote-User');
  });

  it('names the SAM attribution parameter, empty for none, refusing anything else (issue 13)', () => {
    expect(loadConfig({}).sam.attribution_param).toBe('poms.submission_id');
    expect(loadConfig({ POMS_SAM_ATTRIBUTION_PARAM: '' }).sam.attribution_param).toBe('');
    expect(problems({ POMS_SAM_ATTRIBUTION_PARAM: 'submission id' })).toEqual([
      '[sam] attribution_param: a Category.name metadata parameter, or empty (ini key or POMS_SAM_ATTRIBUTION_PARAM)',
    ]);
  });

  it('names the MetaCat attribution key, refusing an empty or unquotable one, or a split key (issue 19)', () => {
    expect(loadConfig({}).metacat.attribution_param).toBe('poms.submission_id');
    expect(loadConfig({ POMS_METACAT_ATTRIBUTION_PARAM: 'dune.poms_task' }).metacat.attribution_param).toBe(
      'dune.poms_task',
    );
    const key = '(ini key or POMS_METACAT_ATTRIBUTION_PARAM)';
    for (const bad of ['', 'submission', 'poms.id or 1'])
      expect(problems({ POMS_METACAT_ATTRIBUTION_PARAM: bad }), bad).toEqual([
        `[metacat] attribution_param: a category.name metadata key (letters, digits, _), e.g. poms.submission_id ${key}`,
      ]);
    expect(problems({ POMS_METACAT_ATTRIBUTION_PARAM: 'core.runs' })).toEqual([
      `[metacat] attribution_param: a key of its own, not one POMS reads for splits (core.runs, core.application.version…) ${key}`,
    ]);
  });

  it('lists every problem at once, naming the setting', () => {
    expect(
      problems({
        POMS_SERVER_PORT: 'eighty',
        DATABASE_URL: 'mysql://db/poms',
        POMS_AUTH_MODE: 'kerberos',
        POMS_LOOPS_LENS_POLL_S: '-5',
        POMS_SERVER_COLOUR: 'blue',
      }),
    ).toEqual([
      '[server] colour: unknown setting',
      '[server] port: Invalid input: expected number, received NaN (ini key or POMS_SERVER_PORT)',
      '[database] url: must be a postgres:// URL (ini key or POMS_DATABASE_URL)',
      '[auth] mode: Invalid option: expected one of "dev"|"header"|"oidc" (ini key or POMS_AUTH_MODE)',
      '[loops] lens_poll_s: Too small: expected number to be >0 (ini key or POMS_LOOPS_LENS_POLL_S)',
    ]);
  });

  it('refuses unquoted values holding # or ; (the ini format would cut them), naming the line', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pomscfg-'));
    const file = path.join(dir, 'poms.ini');
    fs.writeFileSync(
      file,
      '; a comment line\n[database]\nurl = postgres://poms:pa#ss@db/poms\n[site]\nbefore_setup[] = source a; setup b\n',
    );
    expect(problems({ POMS_CONFIG: file })).toEqual([
      `config file ${file} line 3: [database] url: the value holds '#' or ';', where the ini format would cut it off as a comment; write it in double quotes ("…"), or set POMS_DATABASE_URL in the environment instead (comments go on lines of their own)`,
      `config file ${file} line 5: [site] before_setup[]: the value holds '#' or ';', where the ini format would cut it off as a comment; write it in double quotes ("…"), or set POMS_SITE_BEFORE_SETUP in the environment instead (comments go on lines of their own)`,
    ]);
    fs.writeFileSync(
      file,
      '[database]\nurl = "postgres://poms:pa%23ss@db/poms"\n[site]\nbefore_setup[] = "source a; setup b"\n',
    );
    const c = loadConfig({ POMS_CONFIG: file });
    expect(c.database.url).toBe('postgres://poms:pa%23ss@db/poms');
    expect(c.site.before_setup).toEqual(['source a; setup b']);
  });

  it('checks the database URL with the URL parser', () => {
    expect(problems({ DATABASE_URL: 'postgres://poms:pa%23ss@db:5432/poms' })).toEqual([]);
    expect(problems({ DATABASE_URL: 'postgres://poms:pa#ss@db:5432/poms' })).toEqual([
      '[database] url: is not a valid URL (characters such as # or @ in the password must be percent-encoded) (ini key or POMS_DATABASE_URL)',
    ]);
  });

  it('runs cron schedules in UTC unless a valid time zone is configured', () => {
    expect(loadConfig({}).loops.cron_timezone).toBe('UTC');
    expect(loadConfig({ POMS_LOOPS_CRON_TIMEZONE: 'America/Chicago' }).loops.cron_timezone).toBe(
      'America/Chicago',
    );
    expect(problems({ POMS_LOOPS_CRON_TIMEZONE: 'Mars/Olympus' })).toEqual([
      '[loops] cron_timezone: is not a time zone (an IANA name such as UTC or America/Chicago) (ini key or POMS_LOOPS_CRON_TIMEZONE)',
    ]);
  });

  it('reports a missing config file by name', () => {
    expect(problems({ POMS_CONFIG: '/nonexistent/poms.ini' })[0]).toMatch(
      /^config file \/nonexistent\/poms.ini: ENOENT/,
    );
  });

  it('parses trusted proxies as a list', () => {
    expect(loadConfig({ POMS_AUTH_TRUSTED_PROXIES: '10.0.0.1, 10.0.0.2' }).auth.trusted_proxies).toEqual([
      '10.0.0.1',
      '10.0.0.2',
    ]);
  });

  it('listens on loopback by default, with the development secret only there', () => {
    const c = loadConfig({});
    expect(c.server.host).toBe('127.0.0.1');
    expect(c.auth.trusted_proxies).toEqual([]);
  });

  it('refuses a public bind in dev mode, the default secret outside dev-on-loopback, header mode without proxies', () => {
    expect(problems({ POMS_SERVER_HOST: '0.0.0.0' })).toEqual([
      expect.stringMatching(
        /^\[server\] host: 0\.0\.0\.0 is reachable from other machines, and \[auth\] mode = dev .* set \[auth\] mode = header/,
      ),
      expect.stringMatching(
        /^\[server\] session_secret: the built-in default or a secret under 32 characters/,
      ),
    ]);
    expect(problems({ POMS_AUTH_MODE: 'header' })).toEqual([
      expect.stringMatching(/^\[server\] session_secret: /),
      expect.stringMatching(/^\[auth\] trusted_proxies: required in header mode/),
    ]);
    expect(
      problems({
        POMS_AUTH_MODE: 'header',
        POMS_SERVER_HOST: '0.0.0.0',
        POMS_SERVER_SESSION_SECRET: 'short-but-16-chars',
        POMS_AUTH_TRUSTED_PROXIES: '10.0.0.1',
      }),
    ).toEqual([expect.stringMatching(/^\[server\] session_secret: /)]);
    expect(
      problems({
        POMS_AUTH_MODE: 'header',
        POMS_SERVER_HOST: '::',
        POMS_SERVER_SESSION_SECRET: 'x'.repeat(40),
        POMS_AUTH_TRUSTED_PROXIES: '10.0.0.1',
      }),
    ).toEqual([]);
    expect(problems({ POMS_SERVER_HOST: '127.0.0.5' })).toEqual([]);
    expect(problems({ POMS_SERVER_HOST: '::1' })).toEqual([]);
  });
});

const production = {
  POMS_AUTH_MODE: 'header',
  POMS_SERVER_SESSION_SECRET: 'x'.repeat(40),
  POMS_AUTH_TRUSTED_PROXIES: '10.0.0.1',
};

describe('[notify] configuration', () => {
  it('takes the site webhook from POMS_NOTIFY_WEBHOOK_URL over the ini key', () => {
    const c = loadConfig({ POMS_NOTIFY_WEBHOOK_URL: 'https://chat.example.org/hooks/abc' });
    expect(c.notify.webhook_url).toBe('https://chat.example.org/hooks/abc');
    expect(c.notify.digest_window_s).toBe(300);
  });

  it('names each bad value', () => {
    expect(
      problems({
        POMS_NOTIFY_WEBHOOK_URL: 'not a url',
        POMS_NOTIFY_SMTP_URL: 'http://mail.example.org',
        POMS_NOTIFY_WEBHOOK_SECRET: 'short',
        POMS_NOTIFY_BURST_THRESHOLD: '1',
      }),
    ).toEqual([
      expect.stringMatching(/^\[notify\] smtp_url: must be an smtp:\/\/ or smtps:\/\/ URL/),
      expect.stringMatching(/^\[notify\] webhook_url: /),
      expect.stringMatching(/^\[notify\] webhook_secret: must be at least 16 characters/),
      expect.stringMatching(/^\[notify\] burst_threshold: /),
    ]);
  });

  it('has no default signing secret outside dev mode on loopback', () => {
    expect(webhookSecret(loadConfig({}))).toBe(DEV_WEBHOOK_SECRET);
    expect(webhookSecret(loadConfig(production))).toBeNull();
    expect(problems({ ...production, POMS_NOTIFY_WEBHOOK_URL: 'https://chat.example.org/h' })).toEqual([
      expect.stringMatching(/^\[notify\] webhook_secret: required with \[notify\] webhook_url outside dev/),
    ]);
    const c = loadConfig({
      ...production,
      POMS_NOTIFY_WEBHOOK_URL: 'https://chat.example.org/h',
      POMS_NOTIFY_WEBHOOK_SECRET: 's'.repeat(32),
    });
    expect(webhookSecret(c)).toBe('s'.repeat(32));
  });
});
