import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './paging';

describe('cursors', () => {
  it('read back exactly the position they were made from, whatever it holds', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), fc.string({ unit: 'grapheme' }), (k, id) => {
        const cursor = encodeCursor({ k, id });
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeCursor(cursor)).toEqual({ k, id });
      }),
      { numRuns: 500 },
    );
  });

  it('refuse anything they did not make with a 400 naming the cursor', () => {
    fc.assert(
      fc.property(fc.string(), (junk) => {
        try {
          decodeCursor(junk);
        } catch (error) {
          expect(error).toMatchObject({ code: 'invalid_cursor', details: [{ path: ['cursor'] }] });
        }
      }),
    );
  });
});
