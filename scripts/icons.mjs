#!/usr/bin/env node
/**
 * Render the app icon (public/icons/icon.svg) to the PNGs the web app manifest lists (192 and 512 px) with
 * Chromium. Run after changing the SVG; the PNGs are committed:  node scripts/icons.mjs
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launchChromium } from './lib/browser.mjs';

const DIR = join(ROOT, 'public', 'icons');
const svg = readFileSync(join(DIR, 'icon.svg'), 'utf8');
const profile = mkdtempSync(join(tmpdir(), 'gcv-icons-'));
const context = await launchChromium(profile);
try {
  const page = await context.newPage();
  for (const size of [192, 512]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
    await page.screenshot({ path: join(DIR, `icon-${size}.png`), omitBackground: false });
    console.log(`public/icons/icon-${size}.png`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
