import { describe, expect, it } from 'vitest';
import { existingOutputsDims } from '../../../../src/domain/files/dependency-dims.js';
import {
  ATTRIBUTION_GRACE_MS,
  attributedOutputs,
  type AttributedSubmission,
} from '../../../../src/domain/files/attribution.js';
import { evaluateDims, type DimsCatalogue, type SimFile } from '../../../../src/sim/sam/dims/index.js';

// The rule evaluated by the simulator's dims engine over a first pass, its recovery and an
// overlapping re-run of the same three inputs: every output goes to exactly one submission.
const T0 = Date.parse('2026-01-05T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const raw = (i: number): SimFile => ({
  id: i,
  name: `raw_${i}`,
  createDate: at(-600),
  runs: [],
  located: true,
});
const out = (id: number, name: string, minutes: number, params: Record<string, string> = {}): SimFile => ({
  id,
  name,
  createDate: at(minutes),
  runs: [],
  located: true,
  version: 'v1',
  params,
});
const files: SimFile[] = [
  raw(1),
  raw(2),
  raw(3),
  out(11, 'reco_1', 10),
  out(12, 'reco_2', 20),
  out(13, 'reco_1_late', 60 + ATTRIBUTION_GRACE_MS / 60_000 - 1), // declared within the grace
  out(14, 'reco_3_recovered', 150),
  out(15, 'reco_1_rerun', 310),
  out(16, 'reco_2_tied', 30, { 'poms.submission_id': '3' }), // tied by metadata to the re-run
  out(17, 'reco_1_other_version', 15),
];
const parents: Record<string, string[]> = {
  reco_1: ['raw_1'],
  reco_2: ['raw_2'],
  reco_1_late: ['raw_1'],
  reco_3_recovered: ['raw_3'],
  reco_1_rerun: ['raw_1'],
  reco_2_tied: ['raw_2'],
  reco_1_other_version: ['raw_1'],
};
files[9] = { ...files[9], version: 'v0' };
const snapshots: Record<string, string[]> = {
  first: ['raw_1', 'raw_2', 'raw_3'],
  recovery: ['raw_3'],
  rerun: ['raw_1', 'raw_2', 'raw_3'],
};
const statuses: Record<string, Record<string, string>> = {
  first: { raw_1: 'consumed', raw_2: 'consumed', raw_3: 'failed' },
  recovery: { raw_3: 'consumed' },
  rerun: { raw_1: 'consumed', raw_2: 'delivered' },
};
const catalogue: DimsCatalogue = {
  allFiles: () => files,
  definition: () => undefined,
  snapshot: () => undefined,
  projectSnapshot: (p) => snapshots[p],
  projectFileStatus: (p) => new Map(Object.entries(statuses[p] ?? {})),
  projectNames: () => Object.keys(statuses),
  parentsOf: (n) => parents[n] ?? [],
  childrenOf: (n) =>
    Object.entries(parents)
      .filter(([, ps]) => ps.includes(n))
      .map(([c]) => c),
};

const sub = (submissionId: number, project: string, created: number, completed: number | null) =>
  ({
    submissionId,
    param: 'poms.submission_id' as string | null,
    project,
    softwareVersion: 'v1',
    created: at(created),
    completedAt: completed === null ? null : at(completed),
    outputAncestorDepth: 1,
  }) satisfies AttributedSubmission;

const first = sub(1, 'first', 0, 60);
const recovery = sub(2, 'recovery', 120, 180);
const rerun = sub(3, 'rerun', 300, null);
const outputs = (s: AttributedSubmission) => evaluateDims(attributedOutputs(s), catalogue).map((f) => f.name);

describe('attribution', () => {
  it('gives the first pass the children of its own deliveries made in its lifetime', () => {
    expect(outputs(first)).toEqual(['reco_1', 'reco_2', 'reco_1_late']);
  });

  it('gives the recovery its own outputs, never the first pass', () => {
    expect(outputs(recovery)).toEqual(['reco_3_recovered']);
  });

  it('gives the re-run its own outputs, and files whose metadata names it', () => {
    expect(outputs(rerun)).toEqual(['reco_1_rerun', 'reco_2_tied']);
  });

  it('attributes every output of the version to exactly one submission', () => {
    const all = [first, recovery, rerun].flatMap(outputs);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(
      files
        .filter((f) => f.version === 'v1')
        .map((f) => f.name)
        .sort(),
    );
  });

  it('writes the rule as SAM dims', () => {
    expect(attributedOutputs(first)).toBe(
      "( ( poms.submission_id 1 ) or ( ( ischildof:( snapshot_for_project_name 'first' and consumed_status consumed,completed,cancelled,failed,skipped,unconsumed,delivered,transferred ) and create_date > '2026-01-05T10:00:00+0000' and create_date <= '2026-01-05T11:15:00+0000' ) minus ( poms.submission_id like '%' ) ) ) and version 'v1'",
    );
  });

  it('without the parameter in SAM ([sam] attribution_param empty), rests on lineage and lifetime', () => {
    const untied = (s: AttributedSubmission) => ({ ...s, param: null });
    expect(attributedOutputs(untied(first))).not.toContain('poms.submission_id');
    // reco_2_tied names the re-run, but without the parameter only lineage and lifetime speak: it
    // is a child of the first pass's delivery, made inside the first pass's lifetime.
    expect(outputs(untied(first))).toEqual(['reco_1', 'reco_2', 'reco_1_late', 'reco_2_tied']);
    const all = [first, recovery, rerun].map(untied).flatMap(outputs);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('existing outputs of an upstream stage (Check chain)', () => {
  const ctx = (s: AttributedSubmission) => ({
    attribution: { submissionId: s.submissionId, completedAt: s.completedAt, param: s.param },
    project: s.project,
    softwareVersion: s.softwareVersion,
    created: s.created,
    outputAncestorDepth: s.outputAncestorDepth,
  });
  const selected = (subs: AttributedSubmission[], pattern: string) =>
    evaluateDims(existingOutputsDims(subs.map(ctx), pattern), catalogue)
      .map((f) => f.name)
      .sort();

  it("selects the pattern's files among the outputs attributed to any of the submissions", () => {
    expect(selected([first, recovery], '%')).toEqual([...outputs(first), ...outputs(recovery)].sort());
    expect(selected([first, recovery], 'reco_1%')).toEqual(['reco_1', 'reco_1_late']);
    expect(selected([rerun], '%_late')).toEqual([]);
  });

  it('refuses an empty list (nothing to select from)', () => {
    expect(() => existingOutputsDims([], '%')).toThrow(RangeError);
  });
});
