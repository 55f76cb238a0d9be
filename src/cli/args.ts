import { usage } from './cli-error.js';

// The command line: words (command, subcommand, arguments) and options. Options may come anywhere,
// as `--name value`, `--name=value` or, for switches, `--name`; `--` ends the options.

const VALUED: Readonly<Record<string, string>> = {
  '--experiment': 'experiment',
  '-e': 'experiment',
  '--url': 'url',
  '--token': 'token',
  '-o': 'output',
  '--output': 'output',
  '--interval': 'interval',
  '--timeout': 'timeout',
  '--until': 'until',
  '--from': 'from',
  '--to': 'to',
  '--dataset': 'dataset',
  '--page': 'page',
};
const SWITCHES: Readonly<Record<string, string>> = {
  '--json': 'json',
  '--test': 'test',
  '--wait': 'wait',
  '--all': 'all',
  '--preview': 'preview',
  '--help': 'help',
  '-h': 'help',
  '--version': 'version',
};

export interface ParsedArgs {
  words: string[];
  options: Record<string, string>;
  switches: Set<string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const out: ParsedArgs = { words: [], options: {}, switches: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.words.push(...argv.slice(i + 1));
      break;
    }
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    if (VALUED[flag]) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw usage(`${flag} needs a value`);
      out.options[VALUED[flag]] = value;
    } else if (SWITCHES[flag] && inline === undefined) out.switches.add(SWITCHES[flag]);
    else if (a.startsWith('-') && a.length > 1 && !/^-\d/.test(a)) throw usage(`unknown option ${flag}`);
    else out.words.push(a);
  }
  return out;
}
