import { h } from './dom.js';
import { STAGE_FIELDS, valueText } from './field-specs.js';
import { pairsEditor } from './pairs-editor.js';
import { splitPicker } from './split-picker.js';

// The stage settings form (also the campaign defaults'): an empty field inherits, and shows what it
// inherits as its placeholder. read() gives the document's values and the problems found.

function choices(spec, catalog, defined, current) {
  if (spec.kind === 'bool') return ['True', 'False'];
  if (spec.kind === 'choice') return catalog[spec.list];
  const names = new Set([...catalog[spec.list], ...defined[spec.list].map((d) => d.name)]);
  if (current) names.add(current);
  return [...names].sort();
}

function control(spec, value, inherited, ctx) {
  const id = `f-${spec.key}`;
  const placeholder = inherited === undefined ? '' : `${valueText(inherited)} (inherited)`;
  if (spec.kind === 'pairs')
    return pairsEditor({ pairs: value, inherited, optional: true, readOnly: ctx.readOnly, name: spec.key });
  if (['bool', 'choice', 'ref'].includes(spec.kind)) {
    const current = valueText(value);
    const options = choices(spec, ctx.catalog, ctx.defined, current);
    const input = h(
      'select',
      { id, name: spec.key, disabled: ctx.readOnly },
      h(
        'option',
        { value: '' },
        inherited === undefined ? '(not set)' : `— ${valueText(inherited)} (inherited) —`,
      ),
      options.map((o) =>
        h(
          'option',
          { value: o, selected: o === current },
          ctx.catalog[spec.list] && spec.kind === 'ref' && !ctx.catalog[spec.list].includes(o)
            ? `${o} (new)`
            : o,
        ),
      ),
    );
    return { element: input, input };
  }
  // Multi-line values (JSON split data, say) keep their lines in a text area.
  const multiline = typeof value === 'string' && value.includes('\n');
  const input = multiline
    ? h('textarea', { id, name: spec.key, rows: 3, placeholder, disabled: ctx.readOnly }, value)
    : h('input', {
        id,
        name: spec.key,
        type: 'text',
        value: valueText(value),
        placeholder,
        disabled: ctx.readOnly,
        inputmode: ['percent', 'depth', 'hours'].includes(spec.kind) ? 'decimal' : null,
      });
  return { element: input, input };
}

function readValue(spec, c, errors) {
  if (spec.kind === 'pairs') return c.read();
  const text = c.input.value.trim();
  if (text === '') return undefined;
  if (spec.kind === 'bool') return text === 'True';
  if (spec.noneable && /^none$/i.test(text)) return null;
  if (spec.kind === 'percent') {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0 || n > 100)
      errors.push(`${spec.label}: a number above 0 and at most 100`);
    return n;
  }
  if (spec.kind === 'hours') {
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 720)
      errors.push(`${spec.label}: a whole number of hours from 1 to 720`);
    return Number(text);
  }
  if (spec.kind === 'depth') {
    if (!/^\d+$/.test(text) || Number(text) < 1) errors.push(`${spec.label}: a whole number, 1 or more`);
    return Number(text);
  }
  return text;
}

/**
 * values: own settings; inherited: prop → value in effect when a field is empty; ctx: catalog,
 * defined ({ jobTypes, loginSetups } of the document), readOnly. Returns { element, read }.
 */
export function fieldsForm(values, inherited, ctx) {
  const controls = new Map();
  const grid = h('div', { class: 'poms-fields-grid' });
  for (const spec of STAGE_FIELDS) {
    const c = control(spec, values[spec.prop], inherited[spec.prop], ctx);
    controls.set(spec.key, c);
    grid.append(
      h(
        'div',
        { class: `field${spec.kind === 'pairs' ? ' poms-field-wide' : ''}`, 'data-field': spec.key },
        h(
          'label',
          { for: spec.kind === 'pairs' ? null : `f-${spec.key}` },
          `${spec.label} `,
          h('code', { class: 'poms-key' }, spec.key),
        ),
        c.element,
        spec.help ? h('small', { class: 'poms-help' }, spec.help) : null,
      ),
    );
  }
  const split = controls.get('cs_split_type').input;
  const dataset = controls.get('dataset_or_split_data').input;
  split.parentElement.append(
    splitPicker({
      input: split,
      datasetOf: () => dataset.value.trim() || valueText(inherited.datasetOrSplitData),
      watch: [dataset],
      types: ctx.catalog.splitTypes,
      readOnly: ctx.readOnly,
    }),
  );
  return {
    element: grid,
    read() {
      const errors = [];
      const fields = {};
      for (const spec of STAGE_FIELDS) {
        const v = readValue(spec, controls.get(spec.key), errors);
        if (v !== undefined) fields[spec.prop] = v;
      }
      return { fields, errors };
    },
  };
}
