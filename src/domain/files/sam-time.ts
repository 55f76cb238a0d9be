// Times inside SAM dims: `%Y-%m-%dT%H:%M:%S%z` in UTC, e.g. `2025-04-01T10:22:03+0000`.
// Used for every date we put in dims (the original's stats page used a second format).

import { invalid } from '../../lib/errors.js';

const pad = (n: number) => String(n).padStart(2, '0');

export function samTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw invalid('invalid date for a SAM query', [{ field: 'created', message: String(date) }]);
  }
  const d = date;
  const day = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+0000`;
}
