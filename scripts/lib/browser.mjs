/**
 * Shared by the real-browser scripts (scripts/e2e.mjs, scripts/bench-ui.mjs): where Chromium is and how it is
 * launched, building the app, serving it with `vite preview`, waiting for the server.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';
/** The e2e harness's preview port (E2E_PORT overrides it, e.g. to run two suites side by side). */
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const VITE = join(ROOT, 'node_modules', '.bin', 'vite');

/** `vite build` (into `outDir` if given, else dist/, with `extra` CLI flags); true when it succeeded. */
export function buildApp(outDir, extra = []) {
  const args = ['build', '--logLevel', 'warn', ...(outDir ? ['--outDir', outDir, '--emptyOutDir'] : []), ...extra];
  return spawnSync(VITE, args, { cwd: ROOT, stdio: 'inherit' }).status === 0;
}

/**
 * `vite preview` on HOST:port (of `outDir` if given). Started directly (not through npx) so that killing this pid
 * stops the server itself. Returns the child process and an idempotent stop function.
 */
export function startPreview(port = PORT, outDir) {
  const args = ['preview', '--host', HOST, '--port', String(port), '--strictPort', ...(outDir ? ['--outDir', outDir] : [])];
  const server = spawn(VITE, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = () => {
    if (server.exitCode === null && !server.killed) server.kill('SIGTERM');
  };
  return { server, stop };
}

/** Resolves once `url` answers 200; throws after `ms`. */
export async function waitForServer(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`vite preview did not answer at ${url} within ${ms} ms`);
}

/** Debian Chromium through playwright-core, with a fresh profile in `profileDir`. */
export async function launchChromium(profileDir, options = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROME,
    headless: true,
    args: CHROME_ARGS,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
}

/** A TCP port on HOST that nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
