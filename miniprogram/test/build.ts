/** Compiles the mini-program into a temporary folder, exactly the files the size script measures, for tests to load. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageFiles } from '../../scripts/miniprogram-size';

/** Writes the build and returns its folder and a way to remove it. */
export function buildMiniProgram(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'jishi-miniprogram-'));
  // WeChat runs modules as CommonJS; the repo's root package is ESM.
  writeFileSync(join(root, 'package.json'), '{"type": "commonjs"}\n');
  for (const file of packageFiles()) {
    const target = join(root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}
