import { describe, expect, it } from 'vitest';
import { toAppError } from '../../../../src/web/middleware/error-handler.js';

// One place maps a PostgreSQL unique violation (23505) to 409 naming the field.
describe('toAppError: unique violations', () => {
  it('names the field and value, leaving out the experiment scope', () => {
    const e = toAppError({
      code: '23505',
      table: 'login_setups',
      constraint: 'login_setups_experiment_name_uq',
      detail: 'Key (experiment, name)=(samdev, racer) already exists.',
    });
    expect(e.status).toBe(409);
    expect(e.message).toBe('another login setup already has this name: racer');
    expect(e.details).toEqual([{ field: 'name', message: 'already taken' }]);
  });

  it('still answers 409 without a detail', () => {
    const e = toAppError({ code: '23505', table: 'tags', constraint: 'tags_experiment_name_uq' });
    expect(e.status).toBe(409);
    expect(e.message).toContain('tags_experiment_name_uq');
  });
});
