import { describeProblem, postJson } from './api.js';
import { byId } from './dom.js';
import { showMessage } from './messages.js';

// "Check chain" of what the editor shows, before it is saved: the .ini text goes to the server,
// which reads it with the one codec (a 400 names the line and section of what it cannot read) and
// says what each stage's launch would get now and what each dependency selects of its upstream's
// outputs. Nothing is saved and nothing is created in SAM.

const files = (n) => (n === null ? 'not counted' : `${n} file${n === 1 ? '' : 's'}`);

/** The report as message lines: warnings first, then stages, then dependencies. */
export function chainLines(report) {
  return [
    ...report.warnings.map((w) => `Warning: ${w.message}`),
    ...report.stages.map(
      (s) =>
        `Stage ${s.name}: ${files(s.files)}${s.dataset ? ` of ${s.dataset}` : ''}` +
        (s.exhausted ? ` (exhausted: ${s.exhausted})` : s.problem ? ` (${s.problem})` : ''),
    ),
    ...report.dependencies.map(
      (d) => `${d.upstream} → ${d.downstream} (${d.filePattern || '%'}): ${files(d.files)}, ${d.basis}`,
    ),
  ];
}

export function createChainCheck(ctx) {
  return async function checkChain() {
    ctx.setBusy(true);
    try {
      await ctx.textView.flush();
      // A text that does not parse is sent as typed: the answer names its line.
      if (!ctx.textView.broken) await ctx.textView.render(ctx.store.doc);
      const text = byId('ini-text').value;
      const report = await postJson(`${ctx.apiBase}/check-chain`, { text, campaign_id: ctx.campaignId });
      const kind = report.warnings.length ? 'warning' : 'positive';
      showMessage(kind, 'Check chain (nothing was saved or created):', chainLines(report));
      ctx.showProblems([]);
    } catch (e) {
      const details = e.details || [];
      if (details.some((d) => d.line)) ctx.textView.showPane(true);
      showMessage('negative', `The chain cannot be checked: ${e.message}`, details.map(describeProblem));
      ctx.showProblems(details);
    } finally {
      ctx.setBusy(false);
    }
  };
}
