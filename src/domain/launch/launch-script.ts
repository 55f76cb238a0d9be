import { shellQuote, shellQuoteWords } from '../../lib/shell-quote.js';
import type { LaunchPlan } from './launch-plan.js';

// The remote script, run by `bash` on the launch host (fed on stdin or as `bash -c`). The whole
// script is one `{ … }` group, so bash has read all of it before anything runs: a command that
// reads stdin cannot swallow the rest of the script, and stdin is then closed. Markers are the
// contract with abort and log parsing: `== process_id: <pid> ==` first, `== completed: <pid> ==` last.

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : [`# ${title}`, ...lines];
}

/** The remote script text for a plan. Only the login setup and site profile are shell code. */
export function buildLaunchScript(plan: LaunchPlan): string {
  return [
    '{',
    'exec 2>&1 </dev/null',
    'echo "== process_id: $$ =="',
    ...section('site profile', plan.siteProfile.beforeSetup),
    ...section('login setup', plan.setup === '' ? [] : [plan.setup]),
    ...section(
      'POMS environment',
      plan.env.map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    ),
    ...section('site profile (after setup)', plan.siteProfile.afterSetup),
    '# launch',
    'set -x',
    shellQuoteWords(plan.words),
    'rc=$?',
    '{ set +x; } 2>/dev/null',
    'echo "== completed: $$ =="',
    'exit "$rc"',
    '}',
    '',
  ].join('\n');
}

/** The text shown by "show launch command": the same script, built without any side effect. */
export function buildPreview(plan: LaunchPlan): string {
  return buildLaunchScript(plan);
}
