import { postJson } from './api.js';

// The editor never reads or writes .ini text itself: the server's codec does both (pure calls,
// nothing stored). Answers to superseded calls are dropped (null), so typing fast cannot apply an
// older text after a newer one.

export function createIniBridge(apiBase) {
  let renderSeq = 0;
  let parseSeq = 0;
  return {
    /** → { text, problems, warnings } or null when a newer call was made meanwhile. */
    async render(doc) {
      const n = ++renderSeq;
      const answer = await postJson(`${apiBase}/ini/render`, { document: doc });
      return n === renderSeq ? answer : null;
    },
    /** → { ok: true, document, problems, warnings } | { ok: false, message, problems } | null. */
    async parse(text) {
      const n = ++parseSeq;
      try {
        const answer = await postJson(`${apiBase}/ini/parse`, { text });
        return n === parseSeq ? { ok: true, ...answer } : null;
      } catch (e) {
        if (n !== parseSeq) return null;
        if (e.status === 400 || e.status === 413)
          return { ok: false, message: e.message, problems: e.details };
        throw e;
      }
    },
  };
}
