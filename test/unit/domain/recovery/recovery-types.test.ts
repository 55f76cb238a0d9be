import { describe, expect, it } from 'vitest';
import {
  RECOVERY_TYPES,
  normalizeRecoveryType,
  parseRecoveryType,
} from '../../../../src/domain/recovery/recovery-types.js';
import { AppError } from '../../../../src/lib/errors.js';

describe('recovery types', () => {
  it('knows the five types', () => {
    expect(RECOVERY_TYPES).toEqual([
      'consumed_status',
      'process_status',
      'added_files',
      'delivered_not_consumed',
      'pending_files',
    ]);
    for (const t of RECOVERY_TYPES) expect(parseRecoveryType(t)).toBe(t);
  });

  it('accepts proj_status as the old name of process_status', () => {
    expect(normalizeRecoveryType('proj_status')).toBe('process_status');
    expect(parseRecoveryType(' proj_status ')).toBe('process_status');
  });

  it('refuses unknown names with a 400 naming the field', () => {
    expect(normalizeRecoveryType('everything')).toBeNull();
    try {
      parseRecoveryType('everything', 'recoveries[2]');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).details[0].field).toBe('recoveries[2]');
    }
  });
});
