import type { JobTypeDocument } from './campaign-document.js';
import type { IniSection } from './lex-ini.js';
import { readParamPairs } from './param-pairs-codec.js';
import type { ProblemList } from './problem-list.js';
import { readRecoveries } from './recoveries-codec.js';
import { reportMissingKey, reportUnknownKey, whereOf } from './section-where.js';

const KEYS = ['launch_script', 'parameters', 'output_file_patterns', 'recoveries'];

/**
 * [job_type NAME]: launch_script (required), parameters and recoveries (JSON; empty or absent = []),
 * output_file_patterns (empty or absent = not set).
 */
export function readJobType(section: IniSection, name: string, problems: ProblemList): JobTypeDocument {
  const doc: JobTypeDocument = { name, launchScript: '', parameters: [], recoveries: [] };
  for (const entry of section.entries) {
    const where = whereOf(section, entry);
    const { key, value } = entry;
    if (key === 'launch_script') {
      if (value === '') problems.error(where, 'The launch script is empty');
      doc.launchScript = value;
    } else if (key === 'parameters') {
      if (value !== '') doc.parameters = problems.take(where, readParamPairs(value)) ?? [];
    } else if (key === 'output_file_patterns') {
      if (value !== '') doc.outputFilePatterns = value;
    } else if (key === 'recoveries') {
      if (value !== '') doc.recoveries = problems.take(where, readRecoveries(value)) ?? [];
    } else reportUnknownKey(problems, section, entry, KEYS.join(', '));
  }
  if (!section.entries.some((e) => e.key === 'launch_script'))
    reportMissingKey(problems, section, 'launch_script');
  return doc;
}
