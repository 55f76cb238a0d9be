import { byId, clear, debounce, h } from './dom.js';
import { showMessage } from './messages.js';
import { problemList } from './problems.js';

// The .ini text beside the graph, editable. Text typed here is parsed by the server (debounced);
// once it parses, the graph follows (a burst of typing is one undo step). While it does not parse,
// the errors show with their lines and the graph stays as it was.

/** Character offset where 1-based `line` starts in `text`. */
function lineStart(text, line) {
  let at = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return text.length;
    at = nl + 1;
  }
  return at;
}

export function createTextView(ctx, bridge) {
  const pane = byId('editor-text-pane');
  const area = byId('ini-text');
  const status = byId('ini-status');
  const errors = byId('ini-errors');
  let broken = false;
  let typed = false;

  area.readOnly = !ctx.canModify;

  function showErrors(message, problems) {
    clear(errors);
    errors.hidden = problems.length === 0 && !message;
    if (message) errors.append(h('div', { class: 'header' }, message));
    errors.append(problemList(problems, goToLine));
  }

  function goToLine(line) {
    showPane(true);
    const start = lineStart(area.value, line);
    const end = area.value.indexOf('\n', start);
    area.focus();
    area.setSelectionRange(start, end === -1 ? area.value.length : end);
    const lineHeight = parseFloat(window.getComputedStyle(area).lineHeight) || 16;
    area.scrollTop = Math.max(0, (line - 3) * lineHeight);
  }

  // Answers that arrive after the text changed under them are dropped: `generation` counts the
  // times the graph rewrote the text, `edits` the user's edits.
  let generation = 0;
  let edits = 0;
  let inflight = Promise.resolve();

  async function parse() {
    const gen = generation;
    const answer = await bridge.parse(area.value).catch((e) => {
      showMessage('negative', e.message);
      return null;
    });
    if (!answer || gen !== generation) return;
    if (!answer.ok) {
      broken = true;
      status.textContent = 'The text does not parse: the graph shows the last text that did.';
      status.dataset.state = 'errors';
      showErrors(answer.message, answer.problems || []);
      return;
    }
    broken = false;
    typed = parseSoon.pending();
    status.textContent = 'Parsed: the graph shows this text.';
    status.dataset.state = 'ok';
    showErrors('', []);
    ctx.store.apply(
      'Edit the text',
      (doc, origins) => {
        Object.assign(doc, answer.document);
        for (const name of Object.keys(origins))
          if (!doc.stages.some((s) => s.name === name)) delete origins[name];
      },
      { source: 'text', coalesce: true },
    );
    ctx.showProblems(answer.problems);
  }
  function parseNow() {
    inflight = parse();
    return inflight;
  }
  const parseSoon = debounce(parseNow, 500);

  area.addEventListener('input', () => {
    edits++;
    typed = true;
    status.textContent = 'Editing…';
    status.dataset.state = 'editing';
    parseSoon();
  });

  /** The text of the document as the graph changed it (drops a broken text: the graph won). */
  function setText(text) {
    parseSoon.cancel();
    generation++;
    area.value = text;
    broken = false;
    typed = false;
    status.textContent = '';
    status.dataset.state = 'synced';
    showErrors('', []);
  }

  function showPane(show) {
    pane.hidden = !show;
    byId('editor-panes').classList.toggle('poms-editor-split', show);
    const toggle = byId('toggle-text');
    toggle.classList.toggle('active', show);
    toggle.setAttribute('aria-pressed', String(show));
    // The graph's box changed size: fit the drawing to it once the layout has settled.
    ctx.graph.fitSoon(50);
  }

  return {
    get broken() {
      return broken;
    },
    /** Text typed that is not in the document yet (still parsing, or not parsing). */
    get unapplied() {
      return typed;
    },
    toggle: () => showPane(pane.hidden),
    showPane,
    goToLine,
    setText,
    /** Writes the document through the server into the text area; → the render answer, or null. */
    async render(doc) {
      const before = edits;
      let answer;
      try {
        answer = await bridge.render(doc);
      } catch (e) {
        showMessage('negative', `The text view could not be updated: ${e.message}`);
        return null;
      }
      // Typing meanwhile wins: its parse brings the graph to the text.
      if (answer && edits === before) setText(answer.text);
      return answer;
    },
    /** Parses now what is typed (before a save), so that the save sends what the text says. */
    async flush() {
      if (parseSoon.pending()) {
        parseSoon.cancel();
        await parseNow();
      } else await inflight;
    },
  };
}
