import { byId } from './dom.js';
import { modalOpen } from './modal.js';

// The toolbar's buttons and keyboard shortcuts (Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Esc
// cancels connecting). Buttons marked data-modify are hidden from users who may only look.

const typing = (el) => el && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable);

/** buttons: element id → action; keys: { undo, redo, escape }. */
export function createToolbar(ctx, buttons, keys) {
  const root = byId('editor-toolbar');
  if (!ctx.canModify) root.querySelectorAll('[data-modify]').forEach((b) => (b.hidden = true));
  for (const [id, fn] of Object.entries(buttons)) byId(id).addEventListener('click', () => fn());

  document.addEventListener('keydown', (e) => {
    if (modalOpen() || typing(e.target)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 'z') {
      e.preventDefault();
      if (e.shiftKey) keys.redo();
      else keys.undo();
    } else if (mod && key === 'y') {
      e.preventDefault();
      keys.redo();
    } else if (e.key === 'Escape') keys.escape();
  });

  return {
    update() {
      const { store } = ctx;
      const undo = byId('undo');
      const redo = byId('redo');
      undo.disabled = !store.canUndo;
      redo.disabled = !store.canRedo;
      undo.title = store.canUndo ? `Undo: ${store.undoLabel}` : 'Nothing to undo';
      redo.title = store.canRedo ? `Redo: ${store.redoLabel}` : 'Nothing to redo';
      const dirty = store.dirty || ctx.textView.unapplied;
      byId('campaign-editor').dataset.dirty = dirty ? '1' : '0';
      byId('save').classList.toggle('positive', dirty);
    },
    busy(on) {
      for (const id of ['save', 'save-as-new', 'check', 'check-chain']) {
        byId(id).classList.toggle('loading', on);
        byId(id).disabled = on;
      }
    },
  };
}
