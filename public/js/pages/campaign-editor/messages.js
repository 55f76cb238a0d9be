import { clear, h } from './dom.js';

// The editor's message line (role=status): refusals, save results, hints for the current mode.

let box = null;

export function useMessageBox(el) {
  box = el;
}

/** kind: 'info' | 'positive' | 'warning' | 'negative'; details: extra lines shown as a list. */
export function showMessage(kind, text, details = []) {
  if (!box) return;
  clear(box);
  box.className = `ui small ${kind} message poms-editor-message`;
  box.dataset.kind = kind;
  box.append(
    h(
      'button',
      {
        type: 'button',
        class: 'poms-link-button poms-editor-message-close',
        'aria-label': 'close',
        on: { click: hideMessage },
      },
      '×',
    ),
    h('div', { class: 'poms-editor-message-text' }, text),
  );
  if (details.length > 0)
    box.append(
      h(
        'ul',
        { class: 'list' },
        details.map((d) => h('li', {}, d)),
      ),
    );
}

export function hideMessage() {
  if (!box) return;
  clear(box);
  box.className = 'ui small message hidden poms-editor-message';
  delete box.dataset.kind;
}
