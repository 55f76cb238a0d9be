import { RECOVERY_TYPES, type RecoveryType } from '../recovery/recovery-types.js';
import type { RecoveryDocument } from './campaign-document.js';
import { decoded, failed, type Decoded } from './decoded.js';
import { formatJson, preview, readJsonValue } from './json-value.js';
import { checkParamPairs } from './param-pairs-codec.js';

/** Old recovery type names still found in files, and their current names. */
const RENAMED: Readonly<Record<string, RecoveryType>> = { proj_status: 'process_status' };

const EXPECTED = 'Expected a JSON list of ["recovery type", [[option, value], ...]] entries';

function readRecovery(item: unknown, n: number): Decoded<RecoveryDocument> {
  if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== 'string') {
    return failed(`${EXPECTED}; entry ${n} is ${preview(item)}`);
  }
  const name: string = item[0];
  const warnings: string[] = [];
  let recoveryType = RENAMED[name];
  if (recoveryType) {
    warnings.push(`Recovery ${n}: '${name}' is the old name of '${recoveryType}'; converted`);
  } else if ((RECOVERY_TYPES as readonly string[]).includes(name)) {
    recoveryType = name as RecoveryType;
  } else {
    return failed(`Recovery ${n}: unknown recovery type '${name}' (known: ${RECOVERY_TYPES.join(', ')})`);
  }
  const pairs = checkParamPairs(item[1], `Recovery ${n} (${recoveryType}): `);
  if (!pairs.ok) return pairs;
  return decoded({ recoveryType, paramOverrides: pairs.value }, [...warnings, ...pairs.warnings]);
}

export function readRecoveries(text: string): Decoded<RecoveryDocument[]> {
  const json = readJsonValue(text);
  if (!json.ok) return json;
  if (!Array.isArray(json.value)) return failed(`${EXPECTED}, got ${preview(json.value)}`);
  const recoveries: RecoveryDocument[] = [];
  let warnings: string[] = [];
  for (const [i, item] of json.value.entries()) {
    const one = readRecovery(item, i + 1);
    if (!one.ok) return one;
    recoveries.push(one.value);
    warnings = warnings.concat(one.warnings);
  }
  return decoded(recoveries, warnings);
}

export const formatRecoveries = (recoveries: RecoveryDocument[]): string =>
  formatJson(recoveries.map((r) => [r.recoveryType, r.paramOverrides]));
