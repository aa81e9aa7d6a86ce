/** The bundle `npm start` runs: it builds, starts on an empty data folder and answers the API, the console and search. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

describe('the built server', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'jishi-built-'));
  afterAll(() => {
    child?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts from dist/ and serves the API, search and the console', async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    const port = await freePort();
    child = spawn(process.execPath, ['dist/src/server.mjs'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_OPTIONS: '' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const base = `http://127.0.0.1:${port}`;
    const get = async (path: string) => {
      for (;;) {
        const res = await fetch(`${base}${path}`).catch(() => null);
        if (res) return res;
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    expect((await get('/healthz')).status).toBe(200);
    const search = await get(`/v1/search?q=${encodeURIComponent('眼霜')}`);
    expect(search.status).toBe(200);
    expect(((await search.json()) as { total: number }).total).toBeGreaterThan(0);
    const page = await get('/console/sign-in');
    expect(await page.text()).toContain('登录商家后台');
    expect((await get('/docs/scalar.js')).status).toBe(200);
  });
});
