import fc from 'fast-check';
import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { escapeHtml, fastEscape } from '../../../src/web/nunjucks-escape.js';

const lib = nunjucks.lib as unknown as { escape: (s: string) => string };
const original = lib.escape.bind(lib);
const specialHeavy = fc.string({
  unit: fc.constantFrom('&', '"', "'", '<', '>', '\\', 'a', 'é', '😀', ' ', '&amp;'),
});

describe('escapeHtml', () => {
  it('gives exactly what nunjucks escape gives, for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), specialHeavy, fc.string({ unit: 'binary' })), (s) => {
        expect(escapeHtml(s)).toBe(original(s));
      }),
      { numRuns: 2000 },
    );
  });
  it('escapes every special character, at either end and doubled', () => {
    expect(escapeHtml(`<a href="x?a=1&b='2'">\\</a>`)).toBe(
      '&lt;a href=&quot;x?a=1&amp;b=&#39;2&#39;&quot;&gt;&#92;&lt;/a&gt;',
    );
    expect(escapeHtml('&&')).toBe('&amp;&amp;');
    expect(escapeHtml('plain')).toBe('plain');
    expect(escapeHtml('')).toBe('');
  });
});

describe('fastEscape', () => {
  it('autoescaped output and the escape filter render as before', () => {
    const tpl = `{{ v }}|{{ v | escape }}|{{ v | safe }}|{{ n }}|{{ v | forceescape }}`;
    const ctx = { v: `<b title="t">O'Neil & co\\</b>`, n: 42 };
    const render = () => new nunjucks.Environment(null, { autoescape: true }).renderString(tpl, ctx);
    const before = render();
    expect(before).toContain('&lt;b title=&quot;t&quot;&gt;O&#39;Neil &amp; co&#92;&lt;/b&gt;');
    fastEscape();
    expect(lib.escape).toBe(escapeHtml);
    expect(render()).toBe(before);
  });
});
