import { jobTypeColours, NO_JOB_TYPE_COLOUR } from './definitions.js';
import { clear, h } from './dom.js';
import { inheritedValue } from './stage-ops.js';

// The lower panel: the job types and login setups the campaign's stages use (after defaults), with
// the job type colours of the graph. A click opens the definition's form.

function uses(doc, builtIns, prop) {
  const count = new Map();
  for (const s of doc.stages) {
    const name = inheritedValue(doc, prop, builtIns, s);
    if (name) count.set(name, (count.get(name) || 0) + 1);
  }
  const defaultName = doc.defaults[prop];
  if (defaultName && !count.has(defaultName)) count.set(defaultName, 0);
  return count;
}

function item(kind, name, n, defined, onOpen, colour) {
  const swatch = colour ? h('span', { class: 'poms-swatch', style: `background:${colour}` }) : null;
  const label = `${n} stage${n === 1 ? '' : 's'}`;
  return h(
    'button',
    {
      type: 'button',
      class: 'ui basic button poms-definition',
      [`data-${kind}`]: name,
      disabled: !defined,
      title: defined ? `Open ${name}` : `${name} is not defined in this campaign's text`,
      on: { click: () => onOpen(name) },
    },
    swatch,
    name,
    ' ',
    h('span', { class: 'ui mini label' }, label),
  );
}

export function renderDefinitionsPanel(el, ctx, { openJobType, openLoginSetup }) {
  const doc = ctx.store.doc;
  const builtIns = ctx.catalog.builtInDefaults;
  const jobTypes = uses(doc, builtIns, 'jobType');
  const colours = jobTypeColours(doc.stages.map((s) => inheritedValue(doc, 'jobType', builtIns, s)));
  const loginSetups = uses(doc, builtIns, 'loginSetup');
  const definedJt = new Set(doc.jobTypes.map((j) => j.name));
  const definedLs = new Set(doc.loginSetups.map((l) => l.name));
  // Definitions in the text that nothing uses yet are listed too (a save creates or updates them).
  for (const n of definedJt) if (!jobTypes.has(n)) jobTypes.set(n, 0);
  for (const n of definedLs) if (!loginSetups.has(n)) loginSetups.set(n, 0);
  clear(el).append(
    h(
      'div',
      { class: 'poms-definitions-group' },
      h('h3', { class: 'ui small header' }, 'Job types'),
      jobTypes.size
        ? [...jobTypes].map(([n, c]) =>
            item('job-type', n, c, definedJt.has(n), openJobType, colours.get(n) || NO_JOB_TYPE_COLOUR),
          )
        : h('span', { class: 'poms-muted' }, 'None yet: set a job type on the campaign or a stage.'),
    ),
    h(
      'div',
      { class: 'poms-definitions-group' },
      h('h3', { class: 'ui small header' }, 'Login setups'),
      loginSetups.size
        ? [...loginSetups].map(([n, c]) => item('login-setup', n, c, definedLs.has(n), openLoginSetup))
        : h('span', { class: 'poms-muted' }, 'None yet.'),
    ),
  );
}
