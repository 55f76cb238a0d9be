// Building DOM nodes without innerHTML: every text from the document goes in as a text node.

/**
 * h('button', { class: 'ui button', on: { click: fn }, disabled: true }, 'Save') → element.
 * `text` sets textContent; `on` adds listeners; false/null/undefined attributes are left out;
 * children may be strings, nodes, arrays or null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else if (name === 'text') el.textContent = String(value);
    else if (name === 'value') el.value = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export const byId = (id) => document.getElementById(id);

/** Calls fn once `ms` after the last call (the latest arguments win). */
export function debounce(fn, ms) {
  let timer = null;
  const run = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  run.cancel = () => clearTimeout(timer);
  run.pending = () => timer !== null;
  return run;
}
