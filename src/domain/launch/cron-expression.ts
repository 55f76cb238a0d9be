import cron from 'node-cron';
import { invalid } from '../../lib/errors.js';

/**
 * Checks a stage's launch schedule: node-cron syntax, 5 fields (minute hour day month weekday) or 6
 * with seconds first. Throws a 400 naming each bad field.
 */
export function checkCronExpression(expr: string, field = 'cron_schedule'): string {
  const text = expr.trim().replace(/\s+/g, ' ');
  const fields = text.split(' ').length;
  if (!text || fields < 5 || fields > 6)
    throw invalid(
      `the schedule needs 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first; got "${expr}"`,
      [{ field, message: 'expected 5 or 6 fields' }],
    );
  const v = cron.validateDetailed(text);
  if (!v.valid)
    throw invalid(
      `the schedule "${text}" is not valid: ${v.errors.map((e) => `${e.field} "${e.value}"`).join(', ')}`,
      v.errors.map((e) => ({ field, message: `${e.field}: ${e.message}` })),
    );
  return text;
}
