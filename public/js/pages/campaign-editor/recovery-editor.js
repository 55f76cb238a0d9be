import { clear, h } from './dom.js';
import { pairsEditor } from './pairs-editor.js';

// A job type's recovery ladder: recovery types tried in order, each with its parameter overrides.

/** opts: recoveries ([{ recoveryType, paramOverrides }]), types, readOnly. Returns { element, read }. */
export function recoveryEditor({ recoveries, types, readOnly }) {
  let rungs = recoveries.map((r) => ({ type: r.recoveryType, pairs: r.paramOverrides, editor: null }));
  const element = h('div', { class: 'poms-recovery-editor' });

  function keepEdits() {
    for (const r of rungs) if (r.editor) r.pairs = r.editor.read() || [];
  }

  function render() {
    clear(element);
    rungs.forEach((rung, i) => {
      rung.editor = pairsEditor({ pairs: rung.pairs, readOnly, name: `recovery-${i}` });
      const select = h(
        'select',
        {
          'aria-label': `recovery ${i + 1} type`,
          class: 'poms-recovery-type',
          disabled: readOnly,
          on: { change: (e) => (rung.type = e.target.value) },
        },
        types.map((t) => h('option', { value: t, selected: t === rung.type }, t)),
      );
      const move = (to) => () => {
        keepEdits();
        rungs.splice(to, 0, rungs.splice(i, 1)[0]);
        render();
      };
      element.append(
        h(
          'div',
          { class: 'ui segment poms-recovery-rung' },
          h(
            'div',
            { class: 'poms-recovery-head' },
            h('strong', {}, `${i + 1}.`),
            select,
            readOnly
              ? null
              : h(
                  'span',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'ui mini basic icon button',
                      'aria-label': 'move up',
                      disabled: i === 0,
                      on: { click: move(i - 1) },
                    },
                    h('i', { class: 'arrow up icon' }),
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'ui mini basic icon button',
                      'aria-label': 'move down',
                      disabled: i === rungs.length - 1,
                      on: { click: move(i + 1) },
                    },
                    h('i', { class: 'arrow down icon' }),
                  ),
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'ui mini basic icon button',
                      'aria-label': 'remove recovery',
                      on: {
                        click: () => {
                          keepEdits();
                          rungs.splice(i, 1);
                          render();
                        },
                      },
                    },
                    h('i', { class: 'times icon' }),
                  ),
                ),
          ),
          rung.editor.element,
        ),
      );
    });
    if (rungs.length === 0)
      element.append(
        h(
          'p',
          { class: 'poms-muted' },
          'No recovery: files a submission did not process are not relaunched.',
        ),
      );
    if (!readOnly)
      element.append(
        h(
          'button',
          {
            type: 'button',
            class: 'ui mini button',
            'data-action': 'add-recovery',
            on: {
              click: () => {
                keepEdits();
                rungs.push({ type: types[0], pairs: [], editor: null });
                render();
              },
            },
          },
          'Add recovery',
        ),
      );
  }
  render();

  return {
    element,
    read() {
      keepEdits();
      return rungs.map((r) => ({ recoveryType: r.type, paramOverrides: r.pairs }));
    },
  };
}
