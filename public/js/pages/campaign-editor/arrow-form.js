import { removeArrow } from './arrow-rules.js';
import { h } from './dom.js';
import { showMessage } from './messages.js';
import { formButtons, openModal, refuse } from './modal.js';

// An arrow's form: which files of the upstream stage's output the downstream stage runs on
// (a SAM `file_name like` pattern, or a dimension fragment when it contains a blank).

export function deleteArrowNow(ctx, index) {
  const d = ctx.store.doc.dependencies[index];
  ctx.store.apply(`Delete arrow ${d.upstream} → ${d.downstream}`, (doc) => removeArrow(doc, index));
  showMessage('info', `Arrow ${d.upstream} → ${d.downstream} deleted. Undo brings it back.`);
}

export function openArrowForm(ctx, index) {
  const dep = ctx.store.doc.dependencies[index];
  const readOnly = !ctx.canModify;
  const pattern = h('input', {
    id: 'f-file-pattern',
    type: 'text',
    value: dep.filePattern,
    disabled: readOnly,
    autocomplete: 'off',
  });
  const body = h(
    'form',
    { class: 'ui form poms-arrow-form', on: { submit: (e) => e.preventDefault() } },
    h(
      'p',
      {},
      h('strong', {}, dep.downstream),
      ' runs on the output files of ',
      h('strong', {}, dep.upstream),
      ' that match:',
    ),
    h(
      'div',
      { class: 'field required' },
      h(
        'label',
        { for: 'f-file-pattern' },
        'File pattern ',
        h('code', { class: 'poms-key' }, 'file_pattern'),
      ),
      pattern,
      h('small', { class: 'poms-help' }, '% matches any text, e.g. reco_%.root; % alone: every output file'),
    ),
  );

  async function apply() {
    const value = pattern.value.trim();
    if (value === '') return refuse(body, ['An arrow needs a file pattern (% for every file).']);
    ctx.store.apply(`Edit arrow ${dep.upstream} → ${dep.downstream}`, (doc) => {
      doc.dependencies[index].filePattern = value;
    });
    return true;
  }

  openModal({
    title: `Arrow ${dep.upstream} → ${dep.downstream}`,
    kind: 'arrow',
    body,
    buttons: formButtons(readOnly, apply, [
      {
        label: 'Delete',
        cls: 'basic red left floated',
        id: 'form-delete',
        run: () => deleteArrowNow(ctx, index),
      },
    ]),
  });
}
