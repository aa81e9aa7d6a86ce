/**
 * Server start to first answer: the server started as `npm start` runs it (the bundle
 * `dist/src/server.mjs`, built first), in a child process, over an already built database; timed
 * from spawn to /healthz answering and to the first /v1/search answer.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/src/server.mjs');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function poll(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
      await res.body?.cancel();
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url} did not answer in time`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface StartTiming {
  /** Spawn to /healthz answering 200 (process, modules, database open, migrations checked). */
  listeningMs: number;
  /** The first /v1/search request, sent once /healthz answered. */
  firstSearchMs: number;
  /** Spawn to the first search answer. */
  totalMs: number;
  hits: number;
  /** The first /v1/search/suggest request, after the first search (loads the brand list). */
  firstSuggestMs: number;
}

/** Starts the real server on `file` (linked into a temporary DATA_DIR) and times its first answers. */
export async function timeServerStart(file: string, q: string): Promise<StartTiming> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jishi-start-'));
  symlinkSync(resolve(file), join(dataDir, 'jishi.db'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO_DATA: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await poll(`${base}/healthz`, started + 120_000);
    const listening = performance.now();
    const res = await poll(`${base}/v1/search?q=${encodeURIComponent(q)}`, started + 120_000);
    const done = performance.now();
    const body = (await res.json()) as { total?: number };
    const suggestStarted = performance.now();
    await (
      await poll(`${base}/v1/search/suggest?q=${encodeURIComponent(q.slice(0, 1))}`, started + 120_000)
    ).json();
    return {
      firstSuggestMs: performance.now() - suggestStarted,
      listeningMs: listening - started,
      firstSearchMs: done - listening,
      totalMs: done - started,
      hits: body.total ?? 0,
    };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
