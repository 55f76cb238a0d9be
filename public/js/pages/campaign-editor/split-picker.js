import { getJson } from './api.js';
import { clear, debounce, h } from './dom.js';

// The split type field: free text (what the .ini holds) with a picker listing the documented split
// types and their parameters, and the server's check of the spec (and of the dataset for that
// type) shown under the field as one types. The registry on the server is the only validator.

/** The spec the picker writes for a type and its parameter values. */
export function composeSpec(type, values) {
  if (type.params.length === 0) return type.syntax;
  if (!type.syntax.includes('=')) return `${type.name}(${values[type.params[0].name] || ''})`;
  const given = type.params.filter((p) => values[p.name]).map((p) => `${p.name}=${values[p.name]}`);
  return `${type.name}(${given.join(',')})`;
}

const typeNamed = (types, spec) => {
  const name = String(spec || '')
    .trim()
    .split('(')[0]
    .toLowerCase();
  return (
    types.find((t) => t.name === name) ||
    (name === '' ? null : types.find((t) => t.syntax.toLowerCase() === name))
  );
};

/**
 * opts: input, datasetOf () → the dataset text in effect, watch (more inputs that change the check,
 * e.g. the dataset field), types, readOnly. Returns the element to put under the input.
 */
export function splitPicker({ input, datasetOf, watch = [], types, readOnly }) {
  const status = h('div', { class: 'poms-split-status', 'aria-live': 'polite' });
  const panel = h('div', { class: 'ui segment poms-split-panel', hidden: true });
  const values = {};
  const choice = h(
    'select',
    { class: 'poms-split-choice', 'aria-label': 'split type' },
    types.map((t) => h('option', { value: t.name }, t.syntax)),
  );
  const about = h('div', { class: 'poms-split-about' });
  const params = h('div', { class: 'poms-split-params' });

  const check = debounce(async () => {
    const spec = input.value.trim();
    if (spec === '') {
      clear(status).append(h('span', { class: 'poms-muted' }, 'Inherited (leave empty) or pick a type.'));
      status.dataset.state = 'empty';
      return;
    }
    const q = new URLSearchParams({ spec, dataset: datasetOf() || '' });
    try {
      const { problems } = await getJson(`/api/v1/split-types/check?${q}`);
      const type = typeNamed(types, spec);
      clear(status);
      status.dataset.state = problems.length ? 'problems' : 'ok';
      if (problems.length)
        status.append(
          h(
            'ul',
            { class: 'poms-split-problems' },
            problems.map((p) => h('li', {}, p.message)),
          ),
        );
      else status.append(h('span', { class: 'poms-split-ok' }, `✓ ${type ? type.description : 'valid'}`));
    } catch (e) {
      clear(status).append(e.message);
    }
  }, 300);

  function showType() {
    const type = types.find((t) => t.name === choice.value);
    clear(about).append(
      h('p', {}, type.description),
      h('p', { class: 'poms-muted' }, `Dataset: ${type.dataset}`),
    );
    clear(params);
    for (const p of type.params) {
      params.append(
        h(
          'div',
          { class: 'field' },
          h('label', { text: p.name }),
          h('input', {
            type: 'text',
            'data-param': p.name,
            placeholder: p.default || '',
            value: values[p.name] || '',
            on: { input: (e) => (values[p.name] = e.target.value) },
          }),
          h('small', { class: 'poms-help' }, p.description),
        ),
      );
    }
  }
  choice.addEventListener('change', showType);
  panel.append(
    h('div', { class: 'field' }, h('label', { text: 'Split type' }), choice),
    about,
    params,
    h(
      'button',
      {
        type: 'button',
        class: 'ui small primary button',
        'data-action': 'use-split',
        on: {
          click: () => {
            input.value = composeSpec(
              types.find((t) => t.name === choice.value),
              values,
            );
            panel.hidden = true;
            check();
          },
        },
      },
      'Use this split type',
    ),
  );
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'ui mini basic button',
      'data-action': 'pick-split',
      disabled: readOnly,
      on: {
        click: () => {
          panel.hidden = !panel.hidden;
          if (!panel.hidden) {
            const current = typeNamed(types, input.value);
            if (current) choice.value = current.name;
            showType();
          }
        },
      },
    },
    'Pick…',
  );

  input.addEventListener('input', check);
  for (const el of watch) el.addEventListener('input', check);
  check();
  return h('div', { class: 'poms-split-picker' }, toggle, status, panel);
}
