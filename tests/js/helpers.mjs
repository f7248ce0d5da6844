// Shared by the JS tests: paths, the real static server, the real browser.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { startServer } from '../../scripts/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const indexer = path.join(root, 'build/bin/kb-indexer');

export function runIndexer(args, options = {}) {
  const r = spawnSync(indexer, args, { encoding: 'utf8', cwd: root, ...options });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export { startServer };

/** Debian's Chromium, driven by playwright-core; no browser is downloaded. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
