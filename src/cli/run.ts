import { parseArgs } from './args.js';
import { CliError, usage } from './cli-error.js';
import { CommandContext } from './command-context.js';
import { campaignCommand } from './commands/campaign-commands.js';
import { filesCommand } from './commands/files-command.js';
import { login, whoami } from './commands/login-command.js';
import { stageCommand } from './commands/stage-commands.js';
import { submissionCommand } from './commands/submission-commands.js';
import { EXIT } from './exit-codes.js';
import { HELP } from './help.js';
import type { Io } from './output.js';

const COMMANDS: Record<string, (ctx: CommandContext) => Promise<number>> = {
  login,
  whoami,
  campaign: campaignCommand,
  stage: stageCommand,
  submission: submissionCommand,
  files: filesCommand,
};

/** Runs one command line; answers the exit code. Every failure is one message on stderr. */
export async function run(
  argv: readonly string[],
  io: Io,
  env: NodeJS.ProcessEnv,
  sleep?: (ms: number) => Promise<void>,
): Promise<number> {
  try {
    const args = parseArgs(argv);
    const command = args.words[0];
    if (args.switches.has('help') || command === 'help' || !command) {
      io.out(HELP);
      return command || args.switches.has('help') ? EXIT.ok : EXIT.usage;
    }
    const handler = COMMANDS[command];
    if (!handler) throw usage(`unknown command "${command}"`);
    return await handler(new CommandContext(args, io, env, sleep));
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`poms: ${e.message}`);
      return e.exitCode;
    }
    io.err(`poms: unexpected failure: ${(e as Error).stack ?? String(e)}`);
    return EXIT.error;
  }
}
