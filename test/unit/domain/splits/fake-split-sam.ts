import type { SplitContext, SplitSam } from '../../../../src/domain/splits/index.js';

// An in-memory SAM that evaluates exactly the dimension subset the split types generate:
//   setexpr [with limit N [offset M] | with stride S offset K]
//   setexpr := ['('] term {(and|or|minus) term} [')'] {(and|or|minus) term}   (left to right)
//   term    := defname: X | snapshot_id N | project_name P | consumed_status 'S'
//            | run_number R[.SSSS] | end_time (>|>=|<|<=) 'ISO'
// Anything else throws, so a wrong dimension string fails the test instead of passing silently.

export interface FakeFile {
  name: string;
  run?: number;
  subrun?: number;
  /** UTC, `YYYY-MM-DDTHH:MM:SS`. */
  endTime: string;
}

export type FakeWrite =
  { op: 'createDefinition'; name: string; dims: string } | { op: 'takeSnapshot'; defname: string };

export class FakeSplitSam implements SplitSam {
  readonly files: FakeFile[] = [];
  /** Stored datasets: plain file lists (the catalogue) or definitions (dims, evaluated when used). */
  readonly datasets = new Map<string, string[]>();
  readonly definitions = new Map<string, string>();
  readonly snapshots = new Map<number, string[]>();
  /** SAM projects: the files in their snapshot, and those consumed so far. */
  readonly projects = new Map<string, { files: string[]; consumed: string[] }>();
  readonly writes: FakeWrite[] = [];
  readonly reads: string[] = [];
  private nextSnapshot = 101;

  addFile(f: FakeFile, ...datasets: string[]): void {
    this.files.push(f);
    for (const d of datasets) this.datasets.set(d, [...(this.datasets.get(d) ?? []), f.name]);
  }

  async countFiles(dims: string): Promise<number> {
    this.reads.push(`count ${dims}`);
    return this.evaluate(dims).length;
  }

  async listFiles(dims: string): Promise<string[]> {
    this.reads.push(`list ${dims}`);
    return this.evaluate(dims);
  }

  async fileMetadata(file: string) {
    this.reads.push(`metadata ${file}`);
    const f = this.files.find((x) => x.name === file);
    if (!f) return null;
    return f.run === undefined
      ? {}
      : { runs: [[f.run, f.subrun ?? 0, 'physics'] as [number, number, string]] };
  }

  async createDefinition(name: string, dims: string): Promise<void> {
    this.evaluate(dims); // refuses dims the fake cannot read, like SAM refuses bad dims
    this.writes.push({ op: 'createDefinition', name, dims });
    this.definitions.set(name, dims);
  }

  async takeSnapshot(defname: string): Promise<number> {
    this.writes.push({ op: 'takeSnapshot', defname });
    const id = this.nextSnapshot++;
    this.snapshots.set(id, this.evaluate(`defname: ${defname}`));
    return id;
  }

  /** Files of a dims string, in catalogue order, without recording a read. */
  evaluate(dims: string): string[] {
    const m = /^(.*?)(?:\swith\s(.*))?$/s.exec(dims.trim())!;
    // A leading parenthesised group is what left-to-right evaluation computes first anyway.
    const body = m[1].trim().replace(/^\(([^()]*)\)(?=\s)/, '$1');
    const parts = body.split(/\s+(and|or|minus)\s+/);
    let set = this.term(parts[0]);
    for (let i = 1; i < parts.length; i += 2) {
      const right = new Set(this.term(parts[i + 1]));
      const op = parts[i];
      if (op === 'and') set = set.filter((f) => right.has(f));
      else if (op === 'minus') set = set.filter((f) => !right.has(f));
      else set = this.files.map((f) => f.name).filter((f) => set.includes(f) || right.has(f));
    }
    return m[2] === undefined ? set : this.modify(set, m[2].trim());
  }

  private modify(set: string[], mods: string): string[] {
    let g = /^limit (\d+)(?: offset (\d+))?$/.exec(mods);
    if (g) return set.slice(Number(g[2] ?? 0), Number(g[2] ?? 0) + Number(g[1]));
    g = /^stride (\d+) offset (\d+)$/.exec(mods);
    if (g) return set.filter((_, i) => i >= Number(g![2]) && (i - Number(g![2])) % Number(g![1]) === 0);
    throw new Error(`fake SAM cannot read modifiers '${mods}'`);
  }

  private term(t: string): string[] {
    const all = this.files;
    let g: RegExpExecArray | null;
    if ((g = /^defname:\s*(\S+)$/.exec(t))) {
      const def = this.definitions.get(g[1]);
      if (def !== undefined) return this.evaluate(def);
      const ds = this.datasets.get(g[1]);
      if (!ds) throw new Error(`fake SAM: no definition '${g[1]}'`);
      return all.map((f) => f.name).filter((f) => ds.includes(f));
    }
    if ((g = /^snapshot_id (\d+)$/.exec(t))) {
      const snap = this.snapshots.get(Number(g[1]));
      if (!snap) throw new Error(`fake SAM: no snapshot ${g[1]}`);
      return snap;
    }
    if ((g = /^project_name (\S+)$/.exec(t))) return this.projects.get(g[1])?.files ?? [];
    if (t === "consumed_status 'consumed'") return [...this.projects.values()].flatMap((p) => p.consumed);
    if ((g = /^run_number (\d+)(?:\.(\d+))?$/.exec(t))) {
      const [run, sub] = [Number(g[1]), g[2] === undefined ? undefined : Number(g[2])];
      return all.filter((f) => f.run === run && (sub === undefined || f.subrun === sub)).map((f) => f.name);
    }
    if ((g = /^end_time (>|>=|<|<=) '(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)'$/.exec(t))) {
      const [op, at] = [g[1], Date.parse(`${g[2]}Z`)];
      const keep = (x: number) =>
        op === '>' ? x > at : op === '>=' ? x >= at : op === '<' ? x < at : x <= at;
      return all.filter((f) => keep(Date.parse(`${f.endTime}Z`))).map((f) => f.name);
    }
    throw new Error(`fake SAM cannot read term '${t}'`);
  }
}

/** gen_cfg: 5 files, runs 1..3 (run 2 has subruns 0 and 1), end_times one day apart from 2016-10-01T12:00. */
export function genCfgSam(): FakeSplitSam {
  const sam = new FakeSplitSam();
  const runs: Array<[number, number]> = [
    [1, 0],
    [1, 0],
    [2, 0],
    [2, 1],
    [3, 0],
  ];
  runs.forEach(([run, subrun], i) =>
    sam.addFile(
      { name: `gen_cfg_f${i + 1}.root`, run, subrun, endTime: `2016-10-0${i + 1}T12:00:00` },
      'gen_cfg',
    ),
  );
  return sam;
}

export function fakeContext(sam: FakeSplitSam, now = new Date('2016-10-10T00:00:00Z')): SplitContext {
  let n = 0;
  return { sam, now: () => now, newId: () => `uuid${++n}` };
}
