import { keyedParams, seconds } from './split-params.js';
import { define } from './split-writes.js';
import { defineSplitType, dialectOf, type SplitType } from './split-type.js';
import { isoSeconds } from './iso-seconds.js';
import type { SplitArgs } from './split-spec.js';

// Time windows over the files' end_time. All values are in seconds (epoch seconds for firsttime,
// lasttime and the cursor).

interface NewParams {
  window: number;
  round: number;
  fts: number;
  localtime: boolean;
  firsttime?: number;
  lasttime?: number;
}

const KEYS = ['window', 'round', 'fts', 'localtime', 'firsttime', 'lasttime'] as const;
const BOOL = new Map([
  ['0', false],
  ['1', true],
  ['false', false],
  ['true', true],
  ['no', false],
  ['yes', true],
]);
const SUFFIXES = 'a number of seconds or a number with suffix w, d, h, m or s (e.g. 3600, 6h, 1d)';

function parseNew(type: string, localDefault: boolean) {
  return (args: SplitArgs, problems: string[]): NewParams => {
    const given = keyedParams(type, args, KEYS, problems);
    const p: NewParams = { window: 604800, round: 1, fts: 1800, localtime: localDefault };
    for (const [key, text] of given) {
      if (key === 'localtime') {
        const b = BOOL.get(text.toLowerCase());
        if (b === undefined) problems.push(`${type}: localtime must be 0 or 1, got '${text}'`);
        else p.localtime = b;
        continue;
      }
      const s = seconds(text);
      if (s === null) problems.push(`${type}: ${key} must be ${SUFFIXES}, got '${text}'`);
      else p[key as Exclude<(typeof KEYS)[number], 'localtime'>] = s;
    }
    p.round = Math.trunc(p.round);
    if (p.round < 1) problems.push(`${type}: round must be at least 1 second, got '${given.get('round')}'`);
    // the window is a whole multiple of round, as in the original
    const w = Math.trunc(p.window);
    p.window = p.round >= 1 ? w - (w % p.round) : w;
    if (p.window <= 0) problems.push(`${type}: window must be at least one round (${p.round} s)`);
    return p;
  };
}

function floorTo(t: number, round: number): number {
  const i = Math.trunc(t);
  return i - (((i % round) + round) % round);
}

function timeWindowSplit(name: 'new' | 'new_local', local: boolean): SplitType {
  return defineSplitType<NewParams>({
    name,
    syntax: `${name}(window=,round=,fts=,localtime=,firsttime=,lasttime=)`,
    example: `${name}(window=1d)`,
    description:
      'Launches the files whose end_time falls in successive time windows. Without firsttime the first ' +
      'window is the latest complete one; each launch starts where the previous one ended; exhausted ' +
      'until the next window is complete (lasttime − fts − window).' +
      (local ? ' Window bounds are written in local time.' : ' Window bounds are written in UTC.'),
    dataset: 'A SAM definition whose files have end_time metadata.',
    cursor: 'End of the last launched window (epoch seconds).',
    params: [
      { name: 'window', default: '1w', description: 'Window length; suffix w, d, h, m or s.' },
      {
        name: 'round',
        default: '1s',
        description: 'Windows and bounds are rounded down to a multiple of this.',
      },
      { name: 'fts', default: '1800', description: 'Time allowed for new files to be registered in SAM.' },
      { name: 'localtime', default: local ? '1' : '0', description: '1: write window bounds in local time.' },
      {
        name: 'firsttime',
        description: 'Start of the first window (epoch seconds); default: latest window.',
      },
      {
        name: 'lasttime',
        description: 'Stop when windows would pass this time (epoch seconds); default: now.',
      },
    ],
    parse: parseNew(name, local),
    async run(p, input, ctx, opts) {
      const lasttime = p.lasttime ?? ctx.now().getTime() / 1000;
      const bound = floorTo(lasttime - p.fts - p.window, p.round);
      // 0 and null both mean "never launched", as in the original
      const start = Math.trunc(input.cursor ? input.cursor : (p.firsttime ?? bound));
      if (start > bound) {
        return {
          kind: 'exhausted',
          reason: `${name}: the next window starts at ${isoSeconds(start)}Z, after the last complete window start ${isoSeconds(bound)}Z`,
        };
      }
      const end = start + p.window;
      const zone = p.localtime ? (ctx.timeZone ?? 'local') : 'UTC';
      const dims = dialectOf(ctx).endTimeWindow(input.dataset, start, end, zone);
      const def = await define(ctx, opts, `${input.dataset}_${ctx.newId()}_time_${start}__${end}`, dims);
      return { kind: 'dataset', dataset: def.name, cursor: end, definitions: [def] };
    },
  });
}

export const newSplit = timeWindowSplit('new', false);
/** `new_local`, also written bare: `new` with localtime=1. */
export const newLocalSplit = timeWindowSplit('new_local', true);
