import { describeProblem, postJson } from './api.js';
import { h } from './dom.js';
import { campaignNameProblem } from './campaign-form.js';
import { showMessage } from './messages.js';
import { openModal, refuse } from './modal.js';
import { renameCampaign } from './stage-ops.js';

// Saving: one JSON POST of the whole document (with the stage renames and the version loaded); the
// server writes it as .ini text, reads it back with the codec and imports it in one transaction.
// Its refusals name the line of the text view. "Save as new" creates another campaign from what the
// editor shows; "Check" runs a save that is rolled back.

/** One line per object, as the import reports them. */
export function reportLines(report) {
  const list = (label, objs) =>
    objs.length ? [`${label}: ${objs.map((o) => `${o.kind.replace('_', ' ')} ${o.name}`).join(', ')}`] : [];
  return [
    ...list('Created', report.created),
    ...list('Updated', report.updated),
    ...list('Detached (kept with their submissions)', report.detached),
    ...list('Removed', report.removed),
    ...report.warnings.map((w) => `Warning: ${describeProblem(w)}`),
  ];
}

export function createSaver(ctx) {
  async function body() {
    await ctx.textView.flush();
    if (ctx.textView.broken) {
      ctx.textView.showPane(true);
      showMessage('negative', 'The text has errors: correct them (or undo) before saving.');
      return null;
    }
    return { document: ctx.store.doc, renames: ctx.store.renames(), version: ctx.version };
  }

  /** The refusal's lines are in the server's writing of the document: the text view shows that. */
  async function refused(e, what) {
    const details = e.details || [];
    if (details.some((d) => d.line)) await ctx.textView.render(ctx.store.doc);
    showMessage('negative', `${what}: ${e.message}`, details.map(describeProblem));
    ctx.showProblems(details);
  }

  let busy = false;
  /** Runs one save-like call at a time, with the buttons showing it. */
  async function exclusive(fn) {
    if (busy) return;
    busy = true;
    ctx.setBusy(true);
    try {
      await fn();
    } finally {
      busy = false;
      ctx.setBusy(false);
    }
  }

  async function createFrom(payload, doneMessage) {
    const answer = await postJson(`${ctx.apiBase}/editor`, payload);
    ctx.leaving = true;
    window.sessionStorage.setItem('poms-editor-message', doneMessage);
    location.assign(`${ctx.pageBase}/${answer.campaign_id}/editor`);
  }

  return {
    save: () =>
      exclusive(async () => {
        const payload = await body();
        if (!payload) return;
        try {
          if (ctx.campaignId === null) return await createFrom(payload, 'Campaign created.');
          const answer = await postJson(`${ctx.apiBase}/${ctx.campaignId}/editor`, payload);
          ctx.version = answer.version;
          ctx.savedIni = answer.ini;
          ctx.store.markSaved(answer.document);
          const kind = answer.report.warnings.length ? 'warning' : 'positive';
          showMessage(kind, 'Saved.', reportLines(answer.report));
        } catch (e) {
          await refused(e, 'Not saved');
        }
      }),
    check: () =>
      exclusive(async () => {
        const payload = await body();
        if (!payload) return;
        try {
          const answer = await postJson(`${ctx.apiBase}/editor/check`, {
            ...payload,
            campaign_id: ctx.campaignId,
          });
          showMessage('positive', 'A save would succeed (nothing was saved).', reportLines(answer.report));
          ctx.showProblems([]);
        } catch (e) {
          await refused(e, 'A save would be refused');
        }
      }),
    saveAsNew() {
      const name = h('input', {
        id: 'f-new-name',
        type: 'text',
        value: `${ctx.store.doc.campaign.name}_copy`,
        autocomplete: 'off',
      });
      const form = h(
        'form',
        { class: 'ui form', on: { submit: (e) => e.preventDefault() } },
        h(
          'p',
          {},
          'A new campaign with what the editor shows now (stages, arrows, defaults, positions), owned by you. This campaign stays as it was saved.',
        ),
        h(
          'div',
          { class: 'field required' },
          h('label', { for: 'f-new-name' }, 'Name of the new campaign'),
          name,
        ),
      );
      openModal({
        title: 'Save as a new campaign',
        kind: 'save-as-new',
        body: form,
        buttons: [
          { label: 'Cancel', action: async () => true },
          {
            label: 'Create',
            cls: 'primary',
            id: 'form-apply',
            action: async () => {
              const problem = campaignNameProblem(name.value.trim());
              if (problem) return refuse(form, [problem]);
              const payload = await body();
              if (!payload) return true;
              const doc = JSON.parse(JSON.stringify(payload.document));
              renameCampaign(doc, name.value.trim());
              // The copy belongs to whoever saves it: the server fills in the owner role.
              delete doc.campaign.pomsRole;
              try {
                await createFrom(
                  { document: doc, renames: [] },
                  `Campaign ${name.value.trim()} created as a copy.`,
                );
                return true;
              } catch (e) {
                return refuse(form, [e.message, ...(e.details || []).map(describeProblem)]);
              }
            },
          },
        ],
      });
    },
  };
}
