/** Whatever a browser (or anyone) posts to the console's forms, the answer is never a 5xx. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleClient } from '../../test/console-client';
import { type TestApp, testApp } from '../../test/harness';
import { storeFieldNames } from './store-form';

let t: TestApp;
let storeId: string;
let vendor: ReturnType<typeof consoleClient>;
let moderator: ReturnType<typeof consoleClient>;
beforeAll(async () => {
  t = testApp();
  ({ storeId } = await t.approvedStore('vendor-a'));
  vendor = consoleClient(t);
  await vendor.signIn('vendor-a');
  moderator = consoleClient(t);
  await moderator.signIn('moderator-2', true);
});

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer().map(String),
  fc.webUrl(),
);
const fields = (names: readonly string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), value, {
    maxKeys: names.length + 2,
  });

describe('console forms under arbitrary input', () => {
  it('store create and edit answer 303, 400 or 422, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fields(storeFieldNames), fc.boolean(), async (form, edit) => {
        const res = await vendor.post(edit ? `/console/stores/${storeId}/edit` : '/console/stores', form);
        expect([303, 400, 409]).toContain(res.status);
      }),
      { numRuns: 60 },
    );
  });

  it('uploads of any content answer a page, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.constantFrom('a.csv', 'a.json', 'x'),
        fc.constantFrom('product', 'post', 'zz'),
        async (content, name, kind) => {
          const form = new FormData();
          form.set('kind', kind);
          form.set('file', new File([content], name));
          const res = await vendor.postMultipart(`/console/stores/${storeId}/catalog/upload`, form);
          expect([200, 400]).toContain(res.status);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('decisions, resolutions, lead updates, keys and audit filters never answer a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fields(['action', 'reason', 'note', 'status', 'name']),
        fc.dictionary(fc.constantFrom('actorId', 'action', 'storeId', 'from', 'to', 'cursor'), fc.string()),
        async (form, query) => {
          const answers = [
            await moderator.post(`/console/review/${storeId}/decision`, form),
            await moderator.post('/console/reports/rp_missing/resolve', form),
            await vendor.post(`/console/stores/${storeId}/leads/ld_missing`, form),
            await vendor.post(`/console/stores/${storeId}/keys`, form),
            await moderator.get(`/console/audit?${new URLSearchParams(query)}`),
            await vendor.get(`/console/stores/${storeId}/catalog?${new URLSearchParams(query)}`),
          ];
          for (const res of answers) expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
  });
});
