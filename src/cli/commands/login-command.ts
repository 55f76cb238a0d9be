import { createInterface } from 'node:readline/promises';
import { readConfig, writeConfig } from '../cli-config.js';
import { CliError, usage } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { fields } from '../output.js';
import { PomsClient } from '../poms-client.js';

async function ask(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw usage(`${question.replace(/: $/, '')} is needed: pass it as an option`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** poms login [--url URL] [--token TOKEN] [--experiment EXP]: checks the token, then saves it. */
export async function login(ctx: CommandContext): Promise<number> {
  const saved = readConfig(ctx.env);
  const url = ctx.args.options.url ?? saved.url ?? (await ask('POMS URL: '));
  const token = ctx.args.options.token ?? (await ask('API token (from your POMS profile page): '));
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw usage(`"${url}" is not an http(s) URL`);
  if (!token) throw usage('an API token is needed');
  const me = await new PomsClient(url, token).get('/api/v1/me').catch((e: unknown) => {
    if (e instanceof CliError && e.exitCode === EXIT.unauthenticated)
      throw new CliError(`login refused: ${e.message}`, e.exitCode);
    throw e;
  });
  const experiment = ctx.args.options.experiment ?? undefined;
  const file = writeConfig(ctx.env, {
    url: url.replace(/\/+$/, ''),
    token,
    ...(experiment ? { experiment } : {}),
  });
  const t = me.token as { name: string; experiment: string | null; max_role: string } | null;
  ctx.print(
    `Logged in to ${url} as ${me.username}\n` +
      fields([
        ['token', t ? `${t.name} (${t.experiment ?? 'all experiments'}, at most ${t.max_role})` : '-'],
        ['experiment', experiment ?? me.experiment],
        ['role', me.role],
        ['saved in', file],
      ]),
    { ...me, config: file },
  );
  return EXIT.ok;
}

/** poms whoami: the user and token the saved login acts as. */
export async function whoami(ctx: CommandContext): Promise<number> {
  const me = await ctx.client().get('/api/v1/me');
  const t = me.token as { name: string; experiment: string | null; max_role: string } | null;
  ctx.print(
    fields([
      ['user', `${me.username} (${me.display_name})`],
      ['experiment', me.experiment],
      ['role', me.role],
      ['token', t ? `${t.name} (${t.experiment ?? 'all experiments'}, at most ${t.max_role})` : '-'],
    ]),
    me,
  );
  return EXIT.ok;
}
