import { describeProblem } from './api.js';
import { clear, h } from './dom.js';

// Under the graph: what a save would refuse in the current document (found by the server's codec
// and the import's checks), each with a link to its line in the text view. The text view lists
// its parse errors with the same problemList.

/** A list of problems; one with a line links to it in the text view (`goToLine`). */
export function problemList(problems, goToLine) {
  return h(
    'ul',
    { class: 'list' },
    problems.map((p) =>
      h(
        'li',
        {},
        p.line
          ? h(
              'a',
              {
                href: '#',
                'data-line': p.line,
                on: {
                  click: (e) => {
                    e.preventDefault();
                    goToLine(p.line);
                  },
                },
              },
              describeProblem(p),
            )
          : describeProblem(p),
      ),
    ),
  );
}

export function renderProblems(el, problems, goToLine) {
  clear(el);
  el.hidden = problems.length === 0;
  el.dataset.count = String(problems.length);
  if (problems.length === 0) return;
  el.append(
    h(
      'div',
      { class: 'header' },
      `A save would be refused: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
    ),
    problemList(problems, goToLine),
  );
}
