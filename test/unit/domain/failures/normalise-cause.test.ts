import { describe, expect, it } from 'vitest';
import { CAUSE_MAX, normaliseCause } from '../../../../src/domain/failures/normalise-cause.js';

describe('normaliseCause', () => {
  it('masks numbers, so two occurrences of one cause read the same', () => {
    expect(normaliseCause('application crashed (exit code 137) after 12.5 s')).toBe(
      'application crashed (exit code <n>) after <n> s',
    );
  });

  it('masks paths, keeping what comes before them', () => {
    expect(normaliseCause('ERROR processing /pnfs/dune/tape/raw/run_001234/f_9.root: bad header')).toBe(
      'ERROR processing <path>: bad header',
    );
    expect(normaliseCause("open('/srv/condor/execute/dir_12/x.fcl') failed")).toBe("open('<path>') failed");
  });

  it('masks hosts, IP addresses, URLs and job ids', () => {
    expect(normaliseCause('Error from slot1_3@fnpc1234.fnal.gov: SHADOW at 131.225.1.2:9618 failed')).toBe(
      'Error from slot<n>_<n>@<host>: SHADOW at <ip> failed',
    );
    expect(normaliseCause('ifdh cp failed: gsiftp://fndca1.fnal.gov:2811/pnfs/x.root timed out')).toBe(
      'ifdh cp failed: <url> timed out',
    );
    expect(normaliseCause('job 5001.3@jobsub01.fnal.gov removed')).toBe('job <job> removed');
  });

  it('masks times, hex values and uuids', () => {
    expect(normaliseCause('2026-12-06T10:11:12.345Z segfault at 0x7f3a9c00 in libart.so')).toBe(
      'segfault at <hex> in libart.so',
    );
    expect(normaliseCause('token 3f2a9c1e7b4d aud 123e4567-e89b-12d3-a456-426614174000')).toBe(
      'token <hex> aud <id>',
    );
  });

  it('keeps words that merely contain letters a-f', () => {
    expect(normaliseCause('deadbeef faced accede')).toBe('deadbeef faced accede');
  });

  it('collapses whitespace and caps the length', () => {
    expect(normaliseCause('  a \n\t b  ')).toBe('a b');
    const long = normaliseCause('x'.repeat(1000));
    expect(long).toHaveLength(CAUSE_MAX);
    expect(long.endsWith('…')).toBe(true);
  });

  it('is idempotent', () => {
    const once = normaliseCause('Job put on hold by remote host fnpc9.fnal.gov: memory 2048 > 2000 MB');
    expect(normaliseCause(once)).toBe(once);
  });
});
