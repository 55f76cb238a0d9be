import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/lib/errors.js';
import { percentFormat, percentKeys } from '../../../src/lib/percent-format.js';

const opts = { where: "job type parameter '-c '", field: 'definition_parameters' };
const fmt = (t: string, v: Record<string, string> = { dataset: 'ds', v: 'v1' }) => percentFormat(t, v, opts);

function errorOf(f: () => unknown): AppError {
  try {
    f();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('no error');
}

describe('percentFormat', () => {
  it('substitutes %(key)s and %%', () => {
    expect(fmt('-Oglobal.dataset=%(dataset)s')).toBe('-Oglobal.dataset=ds');
    expect(fmt('%(dataset)s_%(v)s_%(dataset)s')).toBe('ds_v1_ds');
    expect(fmt('100%% of %(dataset)s')).toBe('100% of ds');
    expect(fmt('%%(dataset)s')).toBe('%(dataset)s');
    expect(fmt('plain')).toBe('plain');
    expect(fmt('')).toBe('');
  });

  it('never expands substituted text again', () => {
    expect(fmt('%(dataset)s', { dataset: '%(other)s %% %' })).toBe('%(other)s %% %');
  });

  it('applies the transform to values only', () => {
    expect(percentFormat("a '%(x)s'", { x: "b'c" }, { ...opts, transform: (s) => `[${s}]` })).toBe(
      "a '[b'c]'",
    );
  });

  it('does not read keys from the prototype', () => {
    expect(() => fmt('%(constructor)s')).toThrow("Unknown key 'constructor'");
    expect(() => fmt('%(__proto__)s')).toThrow("Unknown key '__proto__'");
  });

  it('names an unknown key, where it is, and the known keys', () => {
    const e = errorOf(() => fmt('--x=%(nope)s'));
    expect(e).toBeInstanceOf(AppError);
    expect(e.message).toBe(
      "Unknown key 'nope' in %(nope)s in job type parameter '-c ' (known keys: dataset, v)",
    );
    expect(e.details).toEqual([{ field: 'definition_parameters', message: e.message }]);
  });

  it.each([
    ['50%', "Stray '%' at position 3 ('%') in job type parameter '-c ': write %% for a literal %"],
    ['a %s b', "Stray '%' at position 3 ('%s') in job type parameter '-c ': write %% for a literal %"],
    ['%(dataset', "Unclosed '%(' at position 1 in job type parameter '-c '"],
    [
      '%(dataset)d',
      "Unsupported format after %(dataset) at position 1 in job type parameter '-c ': only %(dataset)s is supported (write %% for a literal %)",
    ],
  ])('refuses %j', (template, message) => {
    expect(errorOf(() => fmt(template)).message).toBe(message);
  });
});

describe('percentKeys', () => {
  it('lists the keys in order of first use', () => {
    expect(percentKeys('%(b)s %(a)s %% %(b)s', opts)).toEqual(['b', 'a']);
  });
});
