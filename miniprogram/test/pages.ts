/**
 * Runs the compiled mini-program under miniprogram-simulate the way WeChat would: a page is rendered,
 * attached, then given `onLoad(query)` with its query still URL-encoded.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, inject } from 'vitest';
import { installWx, type WxShim } from './wx-shim';

const require = createRequire(import.meta.url);

/** What miniprogram-simulate hands back for a rendered component (the parts the tests use). */
export interface Rendered {
  dom: HTMLElement;
  data: Record<string, any>;
  instance: Record<string, any>;
  querySelector(selector: string): Rendered | undefined;
  querySelectorAll(selector: string): Rendered[];
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  attach(parent: Element): void;
}

interface Simulate {
  load(path: string, options: { compiler: 'simulate'; rootPath: string }): string;
  render(id: string): Rendered;
}

export interface MiniProgram {
  /** The compiled package's folder. */
  root: string;
  wx: WxShim;
  /** The compiled `config` module the pages read, to point them at the service. */
  config: { apiBase: string; devOpenid: string };
  open(route: string, query?: Record<string, string>): Rendered;
  /** Opens what `wx.navigateTo` was last asked for. */
  follow(): Rendered;
  require<T>(module: string): T;
}

/** Loads the compiled mini-program (see global-setup.ts) and installs the `wx` shim for the enclosing tests. */
export function useMiniProgram(login: () => string): () => MiniProgram {
  let mp: MiniProgram | undefined;
  beforeAll(() => {
    const simulate = require('miniprogram-simulate') as Simulate;
    const root = inject('miniprogramBuild');
    const at = (relative: string) => join(root, relative);
    const wx = installWx({ login });
    const load = <T>(module: string) => require(at(module)) as T;
    const open = (route: string, query: Record<string, string> = {}) => {
      const page = simulate.render(simulate.load(at(route), { compiler: 'simulate', rootPath: root }));
      page.attach(document.createElement('parent-wrapper'));
      page.instance.onLoad?.(query);
      page.instance.onShow?.();
      return page;
    };
    mp = {
      root,
      wx,
      config: load<{ config: MiniProgram['config'] }>('config').config,
      open,
      follow() {
        const url = wx.records.navigations.at(-1);
        if (!url) throw new Error('nothing navigated');
        const [path, search = ''] = url.split('?');
        const query = Object.fromEntries(
          search
            .split('&')
            .filter(Boolean)
            .map((kv) => kv.split('=') as [string, string]),
        );
        return open(path!.replace(/^\//, ''), query);
      },
      require: load,
    };
  });
  return () => mp!;
}

/** Waits until `check` returns something truthy (or stops throwing), then returns it. */
export async function waitFor<T>(
  check: () => T,
  what = 'condition',
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const started = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const value = check();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const text = (node: Rendered | undefined) => node?.dom.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Elements under `node` with this class as written in WXML (simulate prefixes classes with the component's tag). */
export function byClass(node: Rendered, cls: string): HTMLElement[] {
  return [...node.dom.querySelectorAll<HTMLElement>('[class]')].filter((el) =>
    [...el.classList].some((c) => c === cls || c.endsWith(`--${cls}`)),
  );
}

/** The first `selector` match in `node`'s own template whose text contains `content`. */
export function withText(node: Rendered, selector: string, content: string): Rendered {
  const found = node.querySelectorAll(selector).find((n) => text(n).includes(content));
  if (!found) throw new Error(`no ${selector} with ${content}`);
  return found;
}
