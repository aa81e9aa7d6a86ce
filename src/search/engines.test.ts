import { testApp } from '../../test/harness';
import { engineContract } from './engine.contract';
import { createMeiliEngine, type MeiliEngine } from './meili/engine';

engineContract('embedded (SQLite FTS5)', { makeApp: () => testApp(), settle: async () => {} });

const meiliUrl = process.env.MEILI_URL;
if (meiliUrl) {
  const engines = new WeakMap<object, MeiliEngine>();
  engineContract(`Meilisearch at ${meiliUrl}`, {
    makeApp: () => {
      const t = testApp({
        search: (db, clock) =>
          createMeiliEngine({
            url: meiliUrl,
            apiKey: process.env.MEILI_API_KEY,
            db,
            clock,
            indexPrefix: `contract_${Date.now()}_`,
          }),
      });
      engines.set(t, t.deps.search as MeiliEngine);
      return t;
    },
    settle: async (t) => {
      const engine = engines.get(t)!;
      await engine.applySettings();
      for (let i = 0; i < 20 && (await engine.outboxStats()).pending > 0; i++) await engine.drain();
    },
  });
} else {
  console.warn(
    'Meilisearch engine contract: live run not made — MEILI_URL is not set (no Meilisearch server can be installed ' +
      'on these machines). The adapter is covered by src/search/meili/*.test.ts against recorded requests.',
  );
}
