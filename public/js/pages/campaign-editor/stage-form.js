import { addDefinitions, fetchMissingDefinitions, pruneDefinitions } from './definitions.js';
import { h } from './dom.js';
import { fieldsForm } from './fields-form.js';
import { STAGE_FIELDS } from './field-specs.js';
import { showMessage } from './messages.js';
import { formButtons, openModal, refuse } from './modal.js';
import {
  deleteStage,
  duplicateStage,
  findStage,
  renameStage,
  stageNameProblem,
  uniqueStageName,
} from './stage-ops.js';

// A stage's form: its name (a rename carries its arrows and position along) and its settings, each
// empty field showing what it inherits from the campaign defaults or the built-in defaults.

/** What each field is when the stage leaves it empty. */
export function inheritedFields(doc, builtIns) {
  const out = {};
  for (const { prop } of STAGE_FIELDS)
    out[prop] = doc.defaults[prop] !== undefined ? doc.defaults[prop] : builtIns[prop];
  return out;
}

export function deleteStageNow(ctx, name) {
  ctx.store.apply(`Delete stage ${name}`, (d, origins) => {
    deleteStage(d, origins, name);
    pruneDefinitions(d, ctx.catalog);
  });
  showMessage('info', `Stage ${name} deleted with its arrows. Undo brings it back.`);
}

export function duplicateStageNow(ctx, name) {
  const copy = uniqueStageName(ctx.store.doc, `${name}_copy`);
  ctx.store.apply(`Duplicate stage ${name}`, (d) => duplicateStage(d, name, copy));
  showMessage('info', `Stage ${name} duplicated as ${copy} (without arrows).`);
  return copy;
}

export function openStageForm(ctx, name) {
  const doc = ctx.store.doc;
  const stage = findStage(doc, name);
  const readOnly = !ctx.canModify;
  const nameInput = h('input', {
    id: 'f-stage-name',
    type: 'text',
    value: name,
    disabled: readOnly,
    autocomplete: 'off',
  });
  const fields = fieldsForm(stage, inheritedFields(doc, ctx.catalog.builtInDefaults), {
    catalog: ctx.catalog,
    defined: doc,
    readOnly,
  });
  const upstream = doc.dependencies.filter((d) => d.downstream === name);
  const body = h(
    'form',
    { class: 'ui form poms-stage-form', on: { submit: (e) => e.preventDefault() } },
    h('div', { class: 'field required' }, h('label', { for: 'f-stage-name' }, 'Stage name'), nameInput),
    h(
      'p',
      { class: 'poms-muted' },
      upstream.length
        ? `Runs on the output of: ${upstream.map((d) => `${d.upstream} (${d.filePattern})`).join(', ')}`
        : 'Depends on no other stage.',
    ),
    fields.element,
  );

  async function apply() {
    const newName = nameInput.value.trim();
    const { fields: values, errors } = fields.read();
    const nameProblem = stageNameProblem(ctx.store.doc, newName, name);
    if (nameProblem) errors.unshift(nameProblem);
    if (errors.length) return refuse(body, errors);
    let defs;
    try {
      defs = await fetchMissingDefinitions(ctx, [values]);
    } catch (e) {
      return refuse(body, [e.message]);
    }
    ctx.store.apply(`Edit stage ${newName}`, (d, origins) => {
      const s = findStage(d, name);
      for (const key of Object.keys(s)) if (key !== 'name') delete s[key];
      Object.assign(s, values);
      renameStage(d, origins, name, newName);
      addDefinitions(d, defs);
      pruneDefinitions(d, ctx.catalog);
    });
    return true;
  }

  openModal({
    title: `Stage ${name}`,
    kind: 'stage',
    body,
    buttons: formButtons(readOnly, apply, [
      {
        label: 'Delete',
        cls: 'basic red left floated',
        id: 'form-delete',
        run: () => deleteStageNow(ctx, name),
      },
      { label: 'Duplicate', cls: 'basic', id: 'form-duplicate', run: () => duplicateStageNow(ctx, name) },
    ]),
  });
}
