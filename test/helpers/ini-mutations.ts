import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { campaignFiles, readCampaignFile } from './campaign-files.js';

// Generated mutations of real campaign files for the import fuzz tests: byte flips, truncation,
// duplicated sections and keys, huge and deeply nested values, invalid UTF-8. Seeded, so a failure
// names a mutation that can be replayed.

const SAMPLES = path.resolve(import.meta.dirname, '../../src/services/samples');

/** Every seed file: our samples, the test fixtures and the experiments' files when present. */
export function seedFiles(): Array<{ name: string; bytes: Buffer }> {
  const samples = readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.ini'))
    .map((f) => ({ name: `samples/${f}`, bytes: readFileSync(path.join(SAMPLES, f)) }));
  return [...samples, ...campaignFiles().map((f) => ({ name: f, bytes: readCampaignFile(f) }))];
}

/** mulberry32: a small seeded generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutator = (b: Buffer, r: () => number) => Buffer;
const pick = (r: () => number, n: number) => Math.floor(r() * n);
const lines = (b: Buffer) => b.toString('latin1').split('\n');
const fromLines = (l: string[]) => Buffer.from(l.join('\n'), 'latin1');

const MUTATORS: Record<string, Mutator> = {
  flipBytes(b, r) {
    const out = Buffer.from(b);
    for (let i = 0, n = 1 + pick(r, 8); i < n && out.length; i++) out[pick(r, out.length)] ^= 1 << pick(r, 8);
    return out;
  },
  truncate: (b, r) => b.subarray(0, pick(r, b.length + 1)),
  duplicateSection(b, r) {
    const l = lines(b);
    const heads = l.map((x, i) => (x.startsWith('[') ? i : -1)).filter((i) => i >= 0);
    if (!heads.length) return b;
    const k = pick(r, heads.length);
    const section = l.slice(heads[k], heads[k + 1] ?? l.length);
    return fromLines([...l, ...section]);
  },
  duplicateLine(b, r) {
    const l = lines(b);
    const i = pick(r, l.length);
    l.splice(i, 0, l[i]);
    return fromLines(l);
  },
  deleteLine(b, r) {
    const l = lines(b);
    l.splice(pick(r, l.length), 1);
    return fromLines(l);
  },
  hugeValue(b, r) {
    const l = lines(b);
    const keys = l.map((x, i) => (/^\w+\s*[=:]/.test(x) ? i : -1)).filter((i) => i >= 0);
    if (!keys.length) return b;
    const i = keys[pick(r, keys.length)];
    l[i] = `${l[i].split(/[=:]/)[0]}=${'x'.repeat(50_000 + pick(r, 250_000))}`;
    return fromLines(l);
  },
  deeplyNested(b, r) {
    const l = lines(b);
    const keys = l.map((x, i) => (/^\w+\s*[=:]/.test(x) ? i : -1)).filter((i) => i >= 0);
    if (!keys.length) return b;
    const i = keys[pick(r, keys.length)];
    const n = [40, 1000, 100_000][pick(r, 3)];
    const open = r() < 0.5 ? '[' : '{"a": ';
    const close = open === '[' ? ']' : '}';
    l[i] = `${l[i].split(/[=:]/)[0]}=${open.repeat(n)}${open === '[' ? '' : '1'}${close.repeat(n)}`;
    return fromLines(l);
  },
  invalidUtf8(b, r) {
    const bad = [
      Buffer.from([0xff]),
      Buffer.from([0xc0, 0x80]),
      Buffer.from([0xe2, 0x82]),
      Buffer.from([0xed, 0xa0, 0x80]),
    ][pick(r, 4)];
    const at = pick(r, b.length + 1);
    return Buffer.concat([b.subarray(0, at), bad, b.subarray(at)]);
  },
  randomSection(b, r) {
    const l = lines(b);
    l.splice(
      pick(r, l.length),
      0,
      ['[', '[x', '[campaign_stage ]', '[job_type', '[dependencies nowhere]', '[login_setup \u0000]'][
        pick(r, 6)
      ],
    );
    return fromLines(l);
  },
  controlChars(b, r) {
    const out = Buffer.from(b);
    for (let i = 0, n = 1 + pick(r, 4); i < n && out.length; i++) out[pick(r, out.length)] = pick(r, 32);
    return out;
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

/** Mutation number `i` of the seeds (1–3 mutators stacked), with a label to replay it. */
export function mutation(seeds: Array<{ name: string; bytes: Buffer }>, i: number) {
  const r = rng(0x5eed + i);
  const seed = seeds[pick(r, seeds.length)];
  let bytes = seed.bytes;
  const applied: string[] = [];
  for (let k = 0, n = 1 + pick(r, 3); k < n; k++) {
    const name = MUTATOR_NAMES[pick(r, MUTATOR_NAMES.length)];
    bytes = MUTATORS[name](bytes, r);
    applied.push(name);
  }
  return { label: `#${i} ${seed.name} ${applied.join('+')}`, bytes };
}
