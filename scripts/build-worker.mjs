/**
 * `npm run build:worker`: the Cloudflare Workers entry and everything it imports bundled into one
 * ES module, `dist/worker/worker.mjs` (wrangler.toml's `main`). Nothing Node-only is reachable
 * from `src/worker.ts`: a `node:` import or a native addon fails this build instead of the deploy.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['src/worker.ts'],
  outfile: 'dist/worker/worker.mjs',
  bundle: true,
  // Browser resolution, so packages' `browser` maps apply (qrcode's drops its Node-only PNG and file output).
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  // Packages' Workers builds first where they ship them.
  conditions: ['workerd', 'worker', 'browser'],
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
});
