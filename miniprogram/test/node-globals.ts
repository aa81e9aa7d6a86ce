/**
 * Vitest's jsdom environment swaps Node's `URL` for jsdom's, which Node's own `fileURLToPath` (used by
 * the service to find its migrations) refuses. The pages never need jsdom's: give the process Node's
 * back. Import this before anything from the service.
 */
import { URL, URLSearchParams } from 'node:url';

Object.assign(globalThis, { URL, URLSearchParams });
