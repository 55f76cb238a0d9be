import { byId, clear, h } from './dom.js';

// One modal dialog for every form (stage, campaign, arrow, job type, login setup, save as new): a
// native <dialog> with Fomantic's modal look (no jQuery). Escape or a click beside it closes it.
// A button's action returns true to close the modal, false to keep it open (e.g. to show errors).

let current = null;
let wired = false;

function reset(el) {
  el.classList.remove('visible', 'active');
  current = null;
  el.dataset.form = '';
}

function modalEl() {
  const el = byId('editor-modal');
  if (!wired) {
    wired = true;
    // Escape closes the dialog by itself; the event comes later, so a form opened since stays.
    el.addEventListener('close', () => {
      if (!el.open) reset(el);
    });
    el.addEventListener('click', (e) => {
      if (e.target !== el) return;
      const r = el.getBoundingClientRect();
      const inside =
        e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
      if (!inside) el.close();
    });
  }
  return el;
}

/** buttons: [{ label, cls, id, action: async () => boolean }] */
export function openModal({ title, body, buttons, kind }) {
  const el = modalEl();
  clear(el.querySelector('.header')).append(title);
  clear(el.querySelector('.content')).append(body);
  const actions = clear(el.querySelector('.actions'));
  el.dataset.form = kind || '';
  current = { kind };
  for (const b of buttons) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: `ui button ${b.cls || ''}`,
          id: b.id,
          on: {
            click: async (e) => {
              e.preventDefault();
              const button = e.currentTarget;
              button.classList.add('loading');
              try {
                if (await b.action()) closeModal();
              } finally {
                button.classList.remove('loading');
              }
            },
          },
        },
        b.label,
      ),
    );
  }
  if (!el.open) el.showModal();
  el.classList.add('visible', 'active');
  // The first field takes the focus at once, never later on a timer: by then the user (or a test)
  // may be typing in another field, and the rest of the typing would go to this one.
  el.querySelector('input:not([disabled]), select:not([disabled]), textarea:not([disabled])')?.focus();
}

const close = async () => true;

/**
 * The buttons of an edit form: Close alone when read-only; otherwise `more` ({ label, cls, id, run }:
 * run, then close — Delete, Duplicate), Cancel and Apply.
 */
export function formButtons(readOnly, apply, more = []) {
  if (readOnly) return [{ label: 'Close', action: close }];
  return [
    ...more.map(({ run, ...b }) => ({
      ...b,
      action: async () => {
        run();
        return true;
      },
    })),
    { label: 'Cancel', id: 'form-cancel', action: close },
    { label: 'Apply', cls: 'primary', id: 'form-apply', action: apply },
  ];
}

export function closeModal() {
  const el = modalEl();
  if (el.open) el.close();
  reset(el);
}

export const modalOpen = () => current !== null;

/** A red message box at the top of the form, listing what is wrong. */
export function formErrors(form, errors) {
  let box = form.querySelector('.poms-form-errors');
  if (!box) {
    box = h('div', { class: 'ui negative message poms-form-errors', role: 'alert' });
    form.prepend(box);
  }
  clear(box);
  if (errors.length === 0) {
    box.remove();
    return;
  }
  box.append(
    h(
      'ul',
      { class: 'list' },
      errors.map((e) => h('li', {}, e)),
    ),
  );
}

/** Shows the errors in the form and keeps the modal open (an action's answer). */
export function refuse(form, errors) {
  formErrors(form, errors);
  return false;
}
