import { describe, expect, it } from 'vitest';
import {
  exitCodeLabel,
  fileErrorLines,
  fileFailureCause,
  holdCause,
  jobFailureCause,
  lastErrorLines,
} from '../../../../src/domain/failures/failure-causes.js';

describe('failure causes', () => {
  it('takes the last error line of a log, else its last line', () => {
    const log = 'starting\n%MSG-s ArtException: at 12\n---- ProductNotFound BEGIN: no Hit\ndone\n';
    expect(lastErrorLines(log)).toEqual(['---- ProductNotFound BEGIN: no Hit']);
    expect(lastErrorLines(log, 2)).toEqual([
      '%MSG-s ArtException: at 12',
      '---- ProductNotFound BEGIN: no Hit',
    ]);
    expect(lastErrorLines('a\nb\n\n')).toEqual(['b']);
    expect(lastErrorLines('')).toEqual([]);
  });

  it('names the signal of exit codes above 128', () => {
    expect(exitCodeLabel(137)).toBe('exit 137 (SIGKILL)');
    expect(exitCodeLabel(139)).toBe('exit 139 (SIGSEGV)');
    expect(exitCodeLabel(65)).toBe('exit 65');
    expect(exitCodeLabel(200)).toBe('exit 200');
  });

  it('groups a failed job by exit code and its normalised error line', () => {
    const a = jobFailureCause(137, 'Killed: memory usage 2345 MB exceeded request_memory 2000 MB');
    const b = jobFailureCause(137, 'Killed: memory usage 3999 MB exceeded request_memory 2000 MB');
    expect(a).toBe('exit 137 (SIGKILL): Killed: memory usage <n> MB exceeded request_memory <n> MB');
    expect(b).toBe(a);
    expect(jobFailureCause(1, null)).toBe('exit 1');
  });

  it('groups a held job by its normalised reason and keeps the code', () => {
    expect(holdCause('Job put on hold by remote host fnpc1234.fnal.gov: memory 2100 MB', 26)).toBe(
      'held (code 26): Job put on hold by remote host <host>: memory <n> MB',
    );
    expect(holdCause(null)).toBe('held: no reason given');
  });

  it('finds the error line naming each failed file', () => {
    const out = [
      '2026-12-06T10:00:00.000Z processed a.root -> a_reco.root',
      '2026-12-06T10:01:00.000Z ERROR processing b.root: exit status 65 after 12 events',
      '2026-12-06T10:02:00.000Z ERROR reading c.root: truncated at 123 bytes',
    ].join('\n');
    const lines = fileErrorLines(out, ['a.root', 'b.root', 'c.root']);
    expect([...lines.keys()]).toEqual(['b.root', 'c.root']);
    expect(fileFailureCause(lines.get('b.root')!)).toBe(
      'ERROR processing b.root: exit status <n> after <n> events',
    );
    expect(fileFailureCause(null)).toBe('failed in SAM, with no error line in the job logs');
  });
});
