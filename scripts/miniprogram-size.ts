/**
 * `npm run miniprogram:size`: the size of the mini-program package as WeChat would upload it —
 * TypeScript compiled to JavaScript (as DevTools' compiler plugin does), plus wxml, wxss, json and
 * images; never tests, type declarations, tooling files or node_modules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';

export const MINIPROGRAM_ROOT = resolve(fileURLToPath(import.meta.url), '../../miniprogram');
/** WeChat's original main-package limit. */
export const SIZE_LIMIT_BYTES = 1024 * 1024;

const skippedFolders = new Set(['test', 'node_modules', 'typings']);
/** Tooling files next to the code; project.config.json's packOptions leaves them out too. */
const skippedFiles = new Set([
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'project.private.config.json',
]);
const shipped = new Set([
  '.js',
  '.wxml',
  '.wxss',
  '.wxs',
  '.json',
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.svg',
  '.webp',
]);

export interface PackageFile {
  /** Path inside the package, with `/`, as uploaded (`.ts` already renamed to `.js`). */
  path: string;
  contents: Buffer;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) yield* walk(full);
    } else if (!skippedFiles.has(entry.name)) yield full;
  }
}

/** Compiles one TypeScript module to the CommonJS WeChat runs. */
export function compileTs(source: string, file: string): string {
  return transformSync(source, { loader: 'ts', format: 'cjs', target: 'es2018', sourcefile: file }).code;
}

/** Every file WeChat would upload from `root`, compiled. */
export function packageFiles(root = MINIPROGRAM_ROOT): PackageFile[] {
  const files: PackageFile[] = [];
  for (const full of walk(root)) {
    const path = relative(root, full).split(sep).join('/');
    if (path.endsWith('.d.ts') || path.endsWith('.test.ts')) continue;
    if (path.endsWith('.ts')) {
      const js = compileTs(readFileSync(full, 'utf8'), path);
      files.push({ path: path.replace(/\.ts$/, '.js'), contents: Buffer.from(js) });
    } else if (shipped.has(extname(path))) {
      files.push({ path, contents: readFileSync(full) });
    }
  }
  return files;
}

export interface SizeReport {
  totalBytes: number;
  byKind: { kind: string; files: number; bytes: number }[];
}

export function measurePackage(root = MINIPROGRAM_ROOT): SizeReport {
  const kinds = new Map<string, { files: number; bytes: number }>();
  let totalBytes = 0;
  for (const file of packageFiles(root)) {
    const kind = extname(file.path).slice(1);
    const entry = kinds.get(kind) ?? { files: 0, bytes: 0 };
    entry.files++;
    entry.bytes += file.contents.length;
    kinds.set(kind, entry);
    totalBytes += file.contents.length;
  }
  const byKind = [...kinds].map(([kind, v]) => ({ kind, ...v })).sort((a, b) => b.bytes - a.bytes);
  return { totalBytes, byKind };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function formatReport(report: SizeReport): string {
  const rows = [
    ['kind', 'files', 'size'],
    ...report.byKind.map((k) => [k.kind, String(k.files), kb(k.bytes)]),
    ['total', String(report.byKind.reduce((n, k) => n + k.files, 0)), kb(report.totalBytes)],
  ];
  const lines = rows.map((r) => `${r[0]!.padEnd(8)}${r[1]!.padStart(6)}${r[2]!.padStart(12)}`);
  const share = ((report.totalBytes / SIZE_LIMIT_BYTES) * 100).toFixed(1);
  return [...lines, `limit ${kb(SIZE_LIMIT_BYTES)} (${share}% used)`].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatReport(measurePackage()));
}
