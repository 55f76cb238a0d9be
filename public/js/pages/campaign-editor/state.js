import { canonical } from './canonical.js';

// The editor's state: the campaign document, where each stage came from (its name in the database,
// so that a save renames rather than replaces it), and undo/redo as whole snapshots (documents are
// small: a few hundred stages at most).

const COALESCE_MS = 3000;
const clone = (v) => JSON.parse(JSON.stringify(v));
const identity = (doc) => Object.fromEntries(doc.stages.map((s) => [s.name, s.name]));

/**
 * apply(label, fn, opts): fn(draft, origins) edits a copy; returning false cancels (no undo step).
 * opts.source ('graph' | 'text' | …) is passed to listeners; opts.coalesce merges edits of the same
 * label less than COALESCE_MS apart into one undo step (a burst of typing in the text view).
 */
export function createStore(initial) {
  let doc = canonical(clone(initial));
  let origins = identity(doc);
  let savedJson = JSON.stringify(doc);
  let undoStack = [];
  let redoStack = [];
  const listeners = [];

  const snapshot = (label) => ({ label, doc: JSON.stringify(doc), origins: JSON.stringify(origins) });
  const restore = (snap) => {
    doc = JSON.parse(snap.doc);
    origins = JSON.parse(snap.origins);
  };
  const emit = (change) => listeners.forEach((fn) => fn(change));

  return {
    get doc() {
      return doc;
    },
    get dirty() {
      return JSON.stringify(doc) !== savedJson;
    },
    get canUndo() {
      return undoStack.length > 0;
    },
    get canRedo() {
      return redoStack.length > 0;
    },
    get undoLabel() {
      return undoStack.length ? undoStack[undoStack.length - 1].label : '';
    },
    get redoLabel() {
      return redoStack.length ? redoStack[redoStack.length - 1].label : '';
    },
    subscribe(fn) {
      listeners.push(fn);
    },
    apply(label, fn, opts = {}) {
      const before = snapshot(label);
      const draft = clone(doc);
      const draftOrigins = { ...origins };
      if (fn(draft, draftOrigins) === false) return false;
      const next = canonical(draft);
      if (JSON.stringify(next) === before.doc && JSON.stringify(draftOrigins) === before.origins)
        return false;
      const top = undoStack[undoStack.length - 1];
      const now = Date.now();
      if (opts.coalesce && top && top.coalesce && top.label === label && now - top.at < COALESCE_MS)
        top.at = now;
      else {
        undoStack.push({ ...before, coalesce: !!opts.coalesce, at: now });
        if (undoStack.length > 200) undoStack = undoStack.slice(-200);
      }
      redoStack = [];
      doc = next;
      origins = draftOrigins;
      emit({ source: opts.source || 'graph', label });
      return true;
    },
    undo() {
      const snap = undoStack.pop();
      if (!snap) return;
      redoStack.push(snapshot(snap.label));
      restore(snap);
      emit({ source: 'history', label: snap.label });
    },
    redo() {
      const snap = redoStack.pop();
      if (!snap) return;
      undoStack.push(snapshot(snap.label));
      restore(snap);
      emit({ source: 'history', label: snap.label });
    },
    /** After a save: the server's document is the new baseline; history starts again. */
    markSaved(savedDoc) {
      doc = canonical(clone(savedDoc));
      origins = identity(doc);
      savedJson = JSON.stringify(doc);
      undoStack = [];
      redoStack = [];
      emit({ source: 'saved', label: 'save' });
    },
    /** Stages renamed since the last save, as the save API takes them. */
    renames() {
      return Object.entries(origins)
        .filter(([now, was]) => now !== was)
        .map(([to, from]) => ({ from, to }));
    },
  };
}
