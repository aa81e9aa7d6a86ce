/**
 * `npm run build` (and before `npm start`): the Node entry and everything it imports bundled into
 * one ES module, `dist/src/server.mjs`. A bundle starts in about a third of the time tsx takes
 * to compile the sources module by module. Native addons stay outside, loaded from node_modules.
 * The output sits two folders deep, as `src/server.ts` does, so paths it resolves from its own
 * location (the migrations) are the same.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/src/server.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3', '@node-rs/jieba', '@node-rs/jieba/*'],
  // Bundled CommonJS packages call require(); give them one in an ES module.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
