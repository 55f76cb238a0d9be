// Recovery types a job type's ladder may name. Semantics and SAM dims: files/recovery-dims.ts.

import { invalid } from '../../lib/errors.js';

export const RECOVERY_TYPES = [
  'consumed_status',
  'process_status',
  'added_files',
  'delivered_not_consumed',
  'pending_files',
] as const;

export type RecoveryType = (typeof RECOVERY_TYPES)[number];

/** Older names still found in configurations and .ini files. */
const ALIASES: Readonly<Record<string, RecoveryType>> = { proj_status: 'process_status' };

/** Canonical type for a configured name, or null when unknown. */
export function normalizeRecoveryType(name: string): RecoveryType | null {
  const n = name.trim();
  if ((RECOVERY_TYPES as readonly string[]).includes(n)) return n as RecoveryType;
  return ALIASES[n] ?? null;
}

/** As normalizeRecoveryType, but an unknown name is a 400 (the original silently used consumed_status). */
export function parseRecoveryType(name: string, field = 'recovery_type'): RecoveryType {
  const type = normalizeRecoveryType(name);
  if (type) return type;
  throw invalid(`Unknown recovery type "${name}"`, [
    {
      field,
      message: `must be one of: ${RECOVERY_TYPES.join(', ')} (proj_status is accepted as process_status)`,
    },
  ]);
}
