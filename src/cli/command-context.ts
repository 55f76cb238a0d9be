import type { ParsedArgs } from './args.js';
import { requireLogin, readConfig } from './cli-config.js';
import type { Io } from './output.js';
import { PomsClient } from './poms-client.js';

/** What every command gets: its arguments, where to print, and the API client (logged in). */
export class CommandContext {
  private clientValue?: PomsClient;
  private experimentValue?: string;

  constructor(
    readonly args: ParsedArgs,
    readonly io: Io,
    readonly env: NodeJS.ProcessEnv,
    readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((ok) => setTimeout(ok, ms)),
  ) {}

  get asJson(): boolean {
    return this.args.switches.has('json');
  }

  client(): PomsClient {
    if (!this.clientValue) {
      const c = requireLogin(this.env);
      this.clientValue = new PomsClient(c.url, c.token);
    }
    return this.clientValue;
  }

  /** --experiment, else the one saved at login, else the token's, else the user's current one. */
  async experiment(): Promise<string> {
    if (this.experimentValue) return this.experimentValue;
    const chosen = this.args.options.experiment ?? readConfig(this.env).experiment;
    if (chosen) return (this.experimentValue = chosen);
    const me = await this.client().get('/api/v1/me');
    this.experimentValue = (me.token?.experiment ?? me.experiment) as string;
    return this.experimentValue;
  }

  /** `/api/v1/experiments/<exp>` + rest. */
  async expPath(rest: string): Promise<string> {
    return `/api/v1/experiments/${encodeURIComponent(await this.experiment())}${rest}`;
  }

  print(human: string, data: unknown): void {
    this.io.out(this.asJson ? JSON.stringify(data, null, 2) : human);
  }
}
