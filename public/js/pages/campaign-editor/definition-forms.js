import { h } from './dom.js';
import { formButtons, openModal, refuse } from './modal.js';
import { pairsEditor } from './pairs-editor.js';
import { recoveryEditor } from './recovery-editor.js';

// Forms of the job types and login setups the campaign uses, as the .ini defines them. Saving
// updates the experiment's definition when the user may change it (else the import warns and keeps
// the existing one): they are shared with other campaigns.

const field = (id, label, control, help) =>
  h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    help ? h('small', { class: 'poms-help' }, help) : null,
  );

function sharedNote(ctx, name, list) {
  return ctx.catalog[list].includes(name)
    ? h(
        'div',
        { class: 'ui small info message' },
        `${name} belongs to the experiment and may be used by other campaigns: a change here changes it for them too.`,
      )
    : h('div', { class: 'ui small info message' }, `${name} is new: saving the campaign creates it.`);
}

export function openJobTypeForm(ctx, name) {
  const jt = ctx.store.doc.jobTypes.find((j) => j.name === name);
  const readOnly = !ctx.canModify;
  const script = h('input', {
    id: 'f-launch-script',
    type: 'text',
    value: jt.launchScript,
    disabled: readOnly,
  });
  const patterns = h('input', {
    id: 'f-output-patterns',
    type: 'text',
    value: jt.outputFilePatterns || '',
    placeholder: '% (every file)',
    disabled: readOnly,
  });
  const params = pairsEditor({ pairs: jt.parameters, readOnly, name: 'parameters' });
  const ladder = recoveryEditor({ recoveries: jt.recoveries, types: ctx.catalog.recoveryTypes, readOnly });
  const body = h(
    'form',
    { class: 'ui form poms-job-type-form', on: { submit: (e) => e.preventDefault() } },
    sharedNote(ctx, name, 'jobTypes'),
    field('f-launch-script', 'Launch script', script),
    h(
      'div',
      { class: 'field' },
      h('label', {}, 'Parameters ', h('span', { class: 'poms-muted' }, 'appended as option + value')),
      params.element,
    ),
    field(
      'f-output-patterns',
      'Output file patterns',
      patterns,
      'Comma-separated file name patterns (% matches any text)',
    ),
    h('div', { class: 'field' }, h('label', {}, 'Recovery ladder'), ladder.element),
  );
  async function apply() {
    if (script.value.trim() === '') return refuse(body, ['A job type needs a launch script.']);
    ctx.store.apply(`Edit job type ${name}`, (doc) => {
      const target = doc.jobTypes.find((j) => j.name === name);
      target.launchScript = script.value.trim();
      target.parameters = params.read();
      if (patterns.value.trim() === '') delete target.outputFilePatterns;
      else target.outputFilePatterns = patterns.value.trim();
      target.recoveries = ladder.read();
    });
    return true;
  }
  openModal({ title: `Job type ${name}`, kind: 'job-type', body, buttons: formButtons(readOnly, apply) });
}

export function openLoginSetupForm(ctx, name) {
  const ls = ctx.store.doc.loginSetups.find((l) => l.name === name);
  const readOnly = !ctx.canModify;
  const host = h('input', { id: 'f-host', type: 'text', value: ls.host, disabled: readOnly });
  const account = h('input', { id: 'f-account', type: 'text', value: ls.account, disabled: readOnly });
  const setup = h('textarea', { id: 'f-setup', rows: 4, disabled: readOnly }, ls.setup);
  const body = h(
    'form',
    { class: 'ui form poms-login-setup-form', on: { submit: (e) => e.preventDefault() } },
    sharedNote(ctx, name, 'loginSetups'),
    h(
      'div',
      { class: 'two fields' },
      field('f-host', 'Launch host', host),
      field('f-account', 'Account', account),
    ),
    field('f-setup', 'Setup commands', setup, 'Shell text run after login'),
  );
  async function apply() {
    if (host.value.trim() === '' || account.value.trim() === '')
      return refuse(body, ['A login setup needs a host and an account.']);
    ctx.store.apply(`Edit login setup ${name}`, (doc) => {
      const target = doc.loginSetups.find((l) => l.name === name);
      target.host = host.value.trim();
      target.account = account.value.trim();
      target.setup = setup.value;
    });
    return true;
  }
  openModal({
    title: `Login setup ${name}`,
    kind: 'login-setup',
    body,
    buttons: formButtons(readOnly, apply),
  });
}
