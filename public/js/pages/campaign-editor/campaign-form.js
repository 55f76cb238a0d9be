import { addDefinitions, fetchMissingDefinitions, pruneDefinitions } from './definitions.js';
import { h } from './dom.js';
import { fieldsForm } from './fields-form.js';
import { formButtons, openModal, refuse } from './modal.js';
import { pairsEditor } from './pairs-editor.js';
import { renameCampaign } from './stage-ops.js';

// The campaign node's form: name, state, keywords (%(name)s substitutions) and the defaults every
// stage inherits ([campaign_defaults]); empty defaults fall back to the built-in values shown.

/** Why `name` cannot name the campaign, or null. */
export function campaignNameProblem(name) {
  if (name === '') return 'The campaign needs a name.';
  if (/[\r\n]/.test(name) || name.length > 200)
    return 'A campaign name is one line of at most 200 characters.';
  return null;
}

export function openCampaignForm(ctx) {
  const doc = ctx.store.doc;
  const readOnly = !ctx.canModify;
  const nameInput = h('input', {
    id: 'f-campaign-name',
    type: 'text',
    value: doc.campaign.name,
    disabled: readOnly,
    autocomplete: 'off',
  });
  const state = h(
    'select',
    { id: 'f-campaign-state', disabled: readOnly },
    ['Active', 'Inactive'].map((s) =>
      h('option', { value: s, selected: (doc.campaign.state || 'Active') === s }, s),
    ),
  );
  const keywords = pairsEditor({
    pairs: Object.entries(doc.campaign.keywords),
    readOnly,
    labels: ['Keyword', 'Value'],
    name: 'keywords',
  });
  const defaults = fieldsForm(doc.defaults, ctx.catalog.builtInDefaults, {
    catalog: ctx.catalog,
    defined: doc,
    readOnly,
  });
  const body = h(
    'form',
    { class: 'ui form poms-campaign-form', on: { submit: (e) => e.preventDefault() } },
    h(
      'div',
      { class: 'two fields' },
      h(
        'div',
        { class: 'field required' },
        h('label', { for: 'f-campaign-name' }, 'Campaign name'),
        nameInput,
      ),
      h('div', { class: 'field' }, h('label', { for: 'f-campaign-state' }, 'State'), state),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', {}, 'Keywords ', h('span', { class: 'poms-muted' }, 'used as %(keyword)s')),
      keywords.element,
    ),
    h(
      'h4',
      { class: 'ui dividing header' },
      'Defaults',
      h('div', { class: 'sub header' }, 'What every stage gets for a field it leaves empty'),
    ),
    defaults.element,
  );

  async function apply() {
    const name = nameInput.value.trim();
    const { fields, errors } = defaults.read();
    const problem = campaignNameProblem(name);
    if (problem) errors.unshift(problem);
    const pairs = keywords.read();
    const names = pairs.map((p) => p[0].trim());
    if (names.some((n) => n === '')) errors.push('Every keyword needs a name.');
    if (new Set(names).size !== names.length) errors.push('A keyword is given twice.');
    if (errors.length) return refuse(body, errors);
    let defs;
    try {
      defs = await fetchMissingDefinitions(ctx, [fields]);
    } catch (e) {
      return refuse(body, [e.message]);
    }
    ctx.store.apply('Edit campaign', (d) => {
      renameCampaign(d, name);
      d.campaign.state = state.value;
      d.campaign.keywords = Object.fromEntries(pairs.map((p) => [p[0].trim(), p[1] ?? '']));
      d.defaults = fields;
      addDefinitions(d, defs);
      pruneDefinitions(d, ctx.catalog);
    });
    return true;
  }

  openModal({
    title: `Campaign ${doc.campaign.name || '(new)'}`,
    kind: 'campaign',
    body,
    buttons: formButtons(readOnly, apply),
  });
}
