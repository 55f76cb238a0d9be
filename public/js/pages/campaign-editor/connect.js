import { addArrow, arrowProblem } from './arrow-rules.js';
import { byId } from './dom.js';
import { stageOfNode } from './graph.js';
import { hideMessage, showMessage } from './messages.js';

// Drawing an arrow: "Connect", then a click on the upstream stage, then on the downstream stage.
// Refusals (the campaign node, a cycle, a self-arrow without a split type) are said on screen.

export function createConnector(ctx) {
  let from; // undefined: not connecting; null: waiting for the upstream stage; else its name
  const button = byId('connect');

  function stop() {
    from = undefined;
    button.classList.remove('active');
    button.setAttribute('aria-pressed', 'false');
  }

  return {
    get active() {
      return from !== undefined;
    },
    toggle() {
      if (from !== undefined) {
        stop();
        hideMessage();
        return;
      }
      from = null;
      button.classList.add('active');
      button.setAttribute('aria-pressed', 'true');
      showMessage(
        'info',
        'Connect: click the upstream stage (whose output files are used), then the downstream stage. Esc cancels.',
      );
    },
    cancel() {
      if (from === undefined) return;
      stop();
      showMessage('info', 'No arrow drawn.');
    },
    /** A node was clicked while connecting. */
    node(id) {
      const name = stageOfNode(id);
      if (name === null) {
        stop();
        showMessage(
          'negative',
          'Arrows join two stages: the campaign node holds the defaults and takes no arrows.',
        );
        return;
      }
      if (from === null) {
        from = name;
        showMessage('info', `Upstream: ${name}. Now click the downstream stage.`);
        return;
      }
      const upstream = from;
      stop();
      const problem = arrowProblem(ctx.store.doc, upstream, name);
      if (problem) {
        showMessage('negative', problem);
        return;
      }
      ctx.store.apply(`Connect ${upstream} → ${name}`, (doc) => addArrow(doc, upstream, name));
      showMessage(
        'positive',
        `Arrow ${upstream} → ${name} added for every output file (%); click it to change its file pattern.`,
      );
    },
  };
}
