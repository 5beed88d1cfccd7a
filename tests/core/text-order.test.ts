import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareCodes, compareNatural } from '../../src/core/text.js';

const sign = (n: number) => Math.sign(n);
const isoDate = fc
  .date({ min: new Date('1896-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
// Event ids as the data spells them: lower-case words, numbers, hyphens.
const id = fc
  .array(fc.oneof(fc.stringMatching(/^[a-z]{1,6}$/), fc.nat(120).map(String)), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join('-'));

describe('orders that do not load ICU', () => {
  it('compareCodes orders ISO dates and country codes as localeCompare does', () => {
    fc.assert(fc.property(isoDate, isoDate, (a, b) => sign(compareCodes(a, b)) === sign(a.localeCompare(b))));
    const codes = fc.stringMatching(/^[A-Z]{3}$/);
    fc.assert(fc.property(codes, codes, (a, b) => sign(compareCodes(a, b)) === sign(a.localeCompare(b))));
  });

  it('compareNatural orders ids as localeCompare with numeric collation does', () => {
    fc.assert(
      fc.property(id, id, (a, b) => {
        const icu = a.localeCompare(b, 'en', { numeric: true });
        // Equal under ICU (only leading zeros differ) may still be ordered here: never the reverse.
        expect(icu === 0 || sign(compareNatural(a, b)) === sign(icu)).toBe(true);
      }),
    );
    expect(['heat-10', 'heat-2', 'heat-1'].sort(compareNatural)).toEqual(['heat-1', 'heat-2', 'heat-10']);
  });

  it('compareNatural is a total order on any text (no crash, antisymmetric)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        (a, b) => sign(compareNatural(a, b)) === -sign(compareNatural(b, a)),
      ),
    );
  });
});
