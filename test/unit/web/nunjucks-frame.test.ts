import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { fastFrameSet } from '../../../src/web/nunjucks-frame.js';
import { formatTime } from '../../../src/web/views.js';

const TEMPLATE = `{% set top = 'a' %}{% macro item(x, label='-') %}[{{ label }}{{ x }}]{% set top = 'in-macro' %}{% endmacro %}
{% for r in rows %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/{{ loop.length }}{% if loop.first %}F{% endif %}{% if loop.last %}L{% endif %}
{% set inner = r.n * 2 %}{% set top = 'loop' %}{{ inner }} {{ top }}
{% for h in r.h %}({{ loop.index }} of {{ loop.length }} in {{ r.n }}: {{ item(h, label=top) }}){% else %}none{% endfor %}
{% endfor %}{{ top }} {{ inner }}{% if rows.length %}{% set top = 'if' %}{% endif %}{{ top }}
{% for k, v in { a: 1, b: 2 } %}{{ k }}={{ v }};{{ loop.index }}{% endfor %}`;
const CTX = {
  rows: [
    { n: 1, h: ['x', 'y'] },
    { n: 2, h: [] },
    { n: 3, h: ['z'] },
  ],
};

describe('nunjucks frame set without splitting names each time', () => {
  it('renders loops, macros, scoped and outer sets exactly as nunjucks did', () => {
    const render = () => new nunjucks.Environment().renderString(TEMPLATE, CTX);
    const before = render();
    expect(before).toContain('1/0/3/2/3F');
    fastFrameSet();
    fastFrameSet();
    expect(render()).toBe(before);
  });
});

describe('time filter', () => {
  const viaDate = (v: string) => new Date(v).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
  it('formats UTC text (as PostgreSQL JSON writes it) as it formats the Date', () => {
    for (const v of [
      '2025-12-06T15:56:48.291969+00:00',
      '2025-12-06T15:56:48+00:00',
      '2025-12-06T15:56:48.5Z',
      '2025-12-06 15:56:48.999+00',
      '1999-01-01T00:00:00.000Z',
    ])
      expect(formatTime(v), v).toBe(viaDate(v));
  });
  it('converts other offsets, Dates and leaves what is not a time', () => {
    expect(formatTime('2025-12-06T15:56:48.291969+02:00')).toBe('2025-12-06 13:56:48 UTC');
    expect(formatTime(new Date('2025-12-06T15:56:48.291Z'))).toBe('2025-12-06 15:56:48 UTC');
    expect(formatTime('soon')).toBe('soon');
    expect(formatTime(null)).toBe('');
    expect(formatTime('')).toBe('');
  });
});
