/**
 * Debian's Chromium driven by playwright-core, for end-to-end tests. Missing Chromium skips those
 * tests locally with how to install it; under CI=true they run and fail instead.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Whether to run browser tests: always under CI (a missing browser then fails them). */
export const browserTestsRun = inCi || existsSync(chromiumPath);
if (!browserTestsRun) {
  console.warn(
    `Browser tests skipped: no Chromium at ${chromiumPath}. Install it with ` +
      '`apt-get install -y chromium fonts-wqy-microhei` (or set CHROMIUM_PATH); under CI=true they fail instead.',
  );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const artifacts = join(process.cwd(), 'test-artifacts');

/** Saves a full-page screenshot as a test artifact: `test-artifacts/<folder>/<name>.png`. */
export async function screenshot(page: Page, folder: string, name: string) {
  const dir = join(artifacts, folder);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
