// Every dimension string POMS builds (external-apis.md 2.6), evaluated over the fixture catalogue.
import { describe, expect, it } from 'vitest';
import { evaluateDims } from '../../../../../src/sim/sam/dims/index.js';
import { DEPENDS_101, T, makeCatalogue } from './fixture-catalogue.js';

const cat = makeCatalogue();
const names = (dims: string) => evaluateDims(dims, cat).map((f) => f.name);
const raw = (...ids: number[]) => ids.map((i) => `raw_${i}.root`);
// POMS's IP(x) / IC(x): the operator repeated D times around x.
const IP = (x: string, d = 1) => 'isparentof:( '.repeat(d) + x + ')'.repeat(d);
const IC = (x: string, d = 1) => 'ischildof:( '.repeat(d) + x + ')'.repeat(d);

describe('split dims', () => {
  it.each([
    ['nfiles slice 2 of 2 files', 'defname: demo_raw with limit 2 offset 4', raw(5, 6)],
    ['limitn', 'defname: demo_raw with limit 4', raw(1, 2, 3, 4)],
    ['mod(3) slice 1', 'defname: demo_raw with stride 3 offset 1', raw(2, 5)],
    ['mod(3) slice 0', 'defname: demo_raw with stride 3 offset 0', raw(1, 4)],
    ['drainingn first', 'defname: demo_raw with limit 3', raw(1, 2, 3)],
    ['drainingn next', 'defname: demo_raw minus snapshot_id 501 with limit 2', raw(4, 5)],
    ['drainingn full', 'snapshot_id 501 or snapshot_id 502', raw(1, 2, 3, 4)],
    ['stagedfiles first', "project_name proj101 and consumed_status 'consumed' with limit 5", raw(1, 4)],
    [
      'stagedfiles next',
      "project_name proj101 and consumed_status 'consumed' minus snapshot_id 502 with limit 5",
      raw(1),
    ],
    ['byrun', 'defname: demo_raw and run_number 1001', raw(4, 5, 6)],
    ['byexistingruns metadata probe', 'defname:demo_raw minus snapshot_id 501 with limit 1', raw(4)],
    ['byexistingruns first', 'defname: demo_raw and run_number 1000.0002', raw(2)],
    [
      'new(window)',
      "defname: demo_raw and end_time > '2025-03-01T02:00:00+0000' and end_time <= '2025-03-01T04:00:00+0000'",
      raw(3, 4),
    ],
    [
      'new(window) other offset',
      "defname: demo_raw and end_time > '2025-02-28T20:00:00-0600'",
      raw(3, 4, 5, 6),
    ],
    ['active campaign datasets', "project_name 'proj101','proj102'", raw(1, 2, 3, 4, 5, 6)],
  ])('%s: %s', (_label, dims, expected) => {
    expect(names(dims)).toEqual(expected);
  });

  it('byexistingruns with minus follows SAM precedence: A minus (B and C)', () => {
    // POMS writes `<ds> minus snapshot_id <s> and run_number <r>` without parentheses; SAM's grammar
    // makes `and` bind tighter, so only raw_2 (in snapshot 501 and run 1000.2) is removed.
    expect(names('defname: demo_raw minus snapshot_id 501 and run_number 1000.0002')).toEqual(
      raw(1, 3, 4, 5, 6),
    );
  });
});

describe('recovery dims', () => {
  it.each([
    [
      'consumed_status',
      'snapshot_for_project_name proj101 minus (project_name proj101 and consumed_status co%)',
    ],
    [
      'process_status (rewritten)',
      "snapshot_for_project_name proj101 minus (project_name proj101 and consumed_status 'co%')",
    ],
  ])('%s', (_label, dims) => {
    expect(names(dims)).toEqual(raw(3, 5, 6));
  });

  it('process_status fallback: a lone consumed_status spans every project', () => {
    // raw_3 failed in proj101 but was consumed in proj102.
    expect(names('project_name proj101 minus consumed_status co%')).toEqual(raw(5, 6));
  });

  it('added_files', () => {
    expect(names('defname:demo_raw minus snapshot_for_project_name proj102')).toEqual(raw(1, 2, 4, 5, 6));
  });

  it('delivered_not_consumed', () => {
    const dims =
      'project_name proj101 and consumed_status skipped,unknown,delivered,transferred,unconsumed,cancelled';
    expect(names(dims)).toEqual(raw(5, 6));
  });

  it('pending_files, depth 1, two output patterns', () => {
    const kids = (pat: string) => IP(`version v1 and file_name like '${pat}' and create_date > '${T}' `);
    const dims = `snapshot_for_project_name proj101 minus ( ${kids('reco_%.root')} and ${kids('hist_%.root')} )`;
    expect(names(dims)).toEqual(raw(2, 3, 4, 5, 6));
  });

  it('pending_files, depth 2', () => {
    const dims = `snapshot_for_project_name proj101 minus ( ${IP(`version v1 and file_name like 'ana_%.root' and create_date > '${T}' `, 2)} )`;
    expect(names(dims)).toEqual(raw(3, 4, 5, 6));
  });
});

describe('dependency dims', () => {
  it('depth 1', () => {
    expect(DEPENDS_101).toBe(
      `${IC('snapshot_for_project_name proj101 ')} and version v1 and create_date > '${T}' and file_name like 'reco_%.root'`,
    );
    expect(names(DEPENDS_101)).toEqual(['reco_1.root', 'reco_2.root', 'reco_4.root']);
  });

  it('depth 2', () => {
    const dims = `${IC('snapshot_for_project_name proj101 ', 2)} and version v1 and create_date > '${T}' and file_name like 'ana_%.root'`;
    expect(names(dims)).toEqual(['ana_1.root', 'ana_2.root']);
  });

  it('a pattern with a space is a verbatim dims fragment', () => {
    const dims = `${IC('snapshot_for_project_name proj101 ')} and version v1 and create_date > '${T}' and data_tier reco`;
    expect(names(dims)).toEqual(['reco_1.root', 'reco_2.root', 'reco_4.root']);
  });

  it('approval / datatransfer upstream', () => {
    expect(names("defname:demo_raw and file_name like 'raw_%.root'")).toEqual(raw(1, 2, 3, 4, 5, 6));
  });
});

describe('located check', () => {
  const kids = (pat: string, d = 1) =>
    ` and ${IP(`file_name ${pat} and version 'v1' and create_date > '${T}'  with availability physical `, d)}`;
  const B = 'snapshot_for_project_name proj101 ';

  it.each([
    ['one pattern', B + kids('reco_%.root'), raw(1, 2)],
    ['two patterns', B + kids('reco_%.root') + kids('hist_%.root'), raw(1)],
    ['row without pattern (%)', B + kids('%'), raw(1, 2)],
    ['depth 2', B + kids('ana_%.root', 2), raw(1)],
  ])('%s', (_label, dims, expected) => {
    expect(names(dims)).toEqual(expected);
  });

  it('without a project counts the dependency definition', () => {
    expect(evaluateDims('defname:poms_depends_101_1', cat).map((f) => f.id)).toEqual([11, 12, 14]);
  });
});

describe('submission file statistics', () => {
  const B = 'snapshot_for_project_name proj101 ';
  const allKids = `${B} and ${IP(`file_name like 'reco_%.root' and version 'v1' and create_date > '${T}' with availability anylocation `)} and ${IP(`file_name like 'hist_%.root' and version 'v1' and create_date > '${T}' with availability anylocation `)}`;

  it('output files (stats date format)', () => {
    const dims = `${IC(`${B} `)} and create_date > '2025-04-01 10:22:03' and file_name like 'reco_%.root' and version 'v1'`;
    expect(names(dims)).toEqual(['reco_1.root', 'reco_2.root', 'reco_4.root']);
  });

  it('some kids located / declared (no availability = anylocation, so both agree)', () => {
    expect(names(`${B} and ${IP('version v1 ')}`)).toEqual(raw(1, 2, 4));
    expect(names(`${B} and ${IP('version v1 with availability anylocation ')}`)).toEqual(raw(1, 2, 4));
  });

  it('all kids declared and pending', () => {
    expect(names(allKids)).toEqual(raw(1));
    expect(names(`${B} minus ( ${allKids} )`)).toEqual(raw(2, 3, 4, 5, 6));
  });

  it.each([
    ['unknown', raw(6)],
    ['co%', raw(1, 2, 4)],
    ['cancelled', []],
    ['failed', raw(3)],
    ['skipped', []],
    ['consumed,cancelled,completed,failed,skipped,delivered', raw(1, 2, 3, 4, 5)],
  ])('drill-down consumed_status %s binds to the snapshot project', (status, expected) => {
    expect(names(`${B} and consumed_status ${status}`)).toEqual(expected);
  });

  it('count across datasets', () => {
    expect(evaluateDims('defname:demo_raw or defname:poms_depends_101_1', cat).map((f) => f.id)).toEqual([
      1, 2, 3, 4, 5, 6, 11, 12, 14,
    ]);
  });

  it('junk that cleanup_dims would strip still parses', () => {
    expect(names("file_name '%' and defname:demo_raw")).toEqual(raw(1, 2, 3, 4, 5, 6));
    expect(names('(defname:demo_raw) union (file_name __located__ )')).toEqual(raw(1, 2, 3, 4, 5, 6));
  });
});
