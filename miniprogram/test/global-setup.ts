/**
 * Compiles the mini-program once for the mini-program tests, in Node proper (esbuild refuses to run
 * inside jsdom), and hands its folder to them as `inject('miniprogramBuild')`.
 */
import type { TestProject } from 'vitest/node';
import { buildMiniProgram } from './build';

declare module 'vitest' {
  export interface ProvidedContext {
    miniprogramBuild: string;
  }
}

export default function setup(project: TestProject) {
  const build = buildMiniProgram();
  project.provide('miniprogramBuild', build.root);
  return () => build.remove();
}
