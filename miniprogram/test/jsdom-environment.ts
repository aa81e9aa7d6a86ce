/**
 * Vitest's jsdom environment with modules transformed for Node, not for a browser: the service the
 * tests start in-process must keep `new URL('…', import.meta.url)` as a file URL (the browser
 * transform rewrites it) to find its migrations.
 */
import { builtinEnvironments, type Environment } from 'vitest/runtime';

export default { ...builtinEnvironments.jsdom, viteEnvironment: 'ssr' } satisfies Environment;
