import { clear, h } from './dom.js';

// Ordered [option, value] pairs (param_overrides, parameters, recovery overrides, keywords). A pair
// written with one element ([option]) in the file stays one element while its value is left empty.

const iconButton = (icon, label, onClick, disabled) =>
  h(
    'button',
    {
      type: 'button',
      class: 'ui mini basic icon button',
      title: label,
      'aria-label': label,
      disabled,
      on: { click: onClick },
    },
    h('i', { class: `${icon} icon` }),
  );

/**
 * opts: pairs (array, or undefined = inherit), inherited (what applies when inheriting),
 * optional (may inherit), readOnly, labels ([first, second]), name (data-pairs attribute).
 * Returns { element, read() → pairs, or undefined when inheriting }.
 */
export function pairsEditor(opts) {
  const labels = opts.labels || ['Option', 'Value'];
  let rows = opts.pairs
    ? opts.pairs.map((p) => ({ a: p[0] ?? '', b: p[1] ?? '', single: p.length === 1 }))
    : null;
  const element = h('div', { class: 'poms-pairs-editor', 'data-pairs': opts.name || '' });

  function render() {
    clear(element);
    if (rows === null) {
      const shown = JSON.stringify(opts.inherited || []);
      element.append(
        h('div', { class: 'poms-inherited poms-pairs-inherit' }, `Inherited: ${shown}`),
        opts.readOnly
          ? null
          : h(
              'button',
              {
                type: 'button',
                class: 'ui mini button',
                'data-action': 'override',
                on: {
                  click: () => {
                    rows = (opts.inherited || []).map((p) => ({
                      a: p[0] ?? '',
                      b: p[1] ?? '',
                      single: p.length === 1,
                    }));
                    render();
                  },
                },
              },
              'Set here',
            ),
      );
      return;
    }
    rows.forEach((row, i) => {
      const first = h('input', {
        type: 'text',
        value: row.a,
        'aria-label': `${labels[0]} ${i + 1}`,
        class: 'poms-pair-a',
        disabled: opts.readOnly,
        on: { input: (e) => (row.a = e.target.value) },
      });
      const second = h('input', {
        type: 'text',
        value: row.b,
        'aria-label': `${labels[1]} ${i + 1}`,
        class: 'poms-pair-b',
        disabled: opts.readOnly,
        placeholder: row.single ? '(none)' : '',
        on: { input: (e) => (row.b = e.target.value) },
      });
      const move = (to) => () => {
        rows.splice(to, 0, rows.splice(i, 1)[0]);
        render();
      };
      element.append(
        h(
          'div',
          { class: 'poms-pair-row' },
          first,
          second,
          opts.readOnly
            ? null
            : h(
                'span',
                { class: 'poms-pair-buttons' },
                iconButton('arrow up', 'move up', move(i - 1), i === 0),
                iconButton('arrow down', 'move down', move(i + 1), i === rows.length - 1),
                iconButton('times', 'remove', () => {
                  rows.splice(i, 1);
                  render();
                }),
              ),
        ),
      );
    });
    if (rows.length === 0) element.append(h('div', { class: 'poms-muted' }, 'None.'));
    if (!opts.readOnly)
      element.append(
        h(
          'div',
          { class: 'poms-pair-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'ui mini button',
              'data-action': 'add-pair',
              on: {
                click: () => {
                  rows.push({ a: '', b: '', single: false });
                  render();
                  element.querySelector('.poms-pair-row:last-of-type .poms-pair-a')?.focus();
                },
              },
            },
            `Add ${labels[0].toLowerCase()}`,
          ),
          opts.optional
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'ui mini basic button',
                  'data-action': 'inherit',
                  on: {
                    click: () => {
                      rows = null;
                      render();
                    },
                  },
                },
                'Inherit',
              )
            : null,
        ),
      );
  }
  render();

  return {
    element,
    read() {
      if (rows === null) return undefined;
      return rows
        .filter((r) => r.a !== '' || r.b !== '')
        .map((r) => (r.single && r.b === '' ? [r.a] : [r.a, r.b]));
    },
  };
}
