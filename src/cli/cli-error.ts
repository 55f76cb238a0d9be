import { EXIT } from './exit-codes.js';

/** A failure to report in one clear message, with the exit code scripts see. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usage = (message: string) =>
  new CliError(`${message}\nRun "poms --help" for the commands.`, EXIT.usage);
