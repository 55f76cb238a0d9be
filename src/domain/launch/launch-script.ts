import { buildRemoteScript } from '../../lib/remote-script/index.js';
import { shellQuoteWords } from '../../lib/shell-quote.js';
import type { LaunchPlan } from './launch-plan.js';

// The remote script of a launch, run by `bash` on the launch host (fed on stdin). Built by the one
// script builder (lib/remote-script): values are exported by it, the setup text only refers to them.
// Markers are the contract with abort and log parsing: `== process_id: <pid> ==` first,
// `== completed: <pid> ==` last.

/** The remote script text for a plan. Only the login setup and site profile are shell code. */
export function buildLaunchScript(plan: LaunchPlan): string {
  return buildRemoteScript({
    start: ['echo "== process_id: $$ =="', 'echo "== process_start: $(ps -o lstart= -p $$) =="'],
    sections: [
      { title: 'values', env: plan.setupEnv },
      // Credential paths (BEARER_TOKEN_FILE, X509_USER_PROXY, HTGETTOKENOPTS…) and their files.
      { title: 'credentials', env: plan.credentials.env },
      { title: 'credential files', lines: plan.credentials.lines },
      { title: 'site profile', lines: plan.siteProfile.beforeSetup },
      { title: 'login setup', lines: [plan.setup] },
      { title: 'POMS environment', env: plan.env },
      { title: 'site profile (after setup)', lines: plan.siteProfile.afterSetup },
      // The launch command: argv words, each quoted whole by shellQuote.
      { title: 'launch', lines: ['set -x', shellQuoteWords(plan.words)] },
    ],
    end: [
      'rc=$?',
      '{ set +x; } 2>/dev/null',
      ...plan.credentials.cleanup,
      'echo "== completed: $$ =="',
      'exit "$rc"',
    ],
  });
}

/**
 * The text shown by "show launch command": the same script, built without any side effect, with
 * the credentials' contents replaced by their size.
 */
export function buildPreview(plan: LaunchPlan): string {
  const secret = new Set(plan.credentials.secret);
  const env = plan.credentials.env.map(
    ([n, v]) => [n, secret.has(n) ? `<secret: ${v.length} base64 characters>` : v] as [string, string],
  );
  return buildLaunchScript({ ...plan, credentials: { ...plan.credentials, env } });
}
