#!/usr/bin/env node
// Renders the demo's illustrations (demo/art/*.svg, drawn for this project) to WebP pictures in
// demo/public/media/, the way a shop serves product photos, and its icon to demo/public/favicon.png.
// An SVG <img> costs Chromium an isolated document per picture plus main-thread rasterisation at
// paint (5–7 ms of main-thread CPU each on this machine), and an SVG favicon is drawn on the page's
// main thread too (a 12 ms task after first paint); a WebP or PNG decodes off the main thread.
// Run after editing the art:
//   node scripts/rasterize-media.mjs
// It uses Debian's Chromium (scripts/browsers.mjs) and writes files that are committed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browsers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const art = join(root, 'demo', 'art');
const media = join(root, 'demo', 'public', 'media');
/** Width of every picture in pixels: the largest it is shown at on a phone (≈ 412 CSS px × 1.75). */
const WIDTH = 720;
const QUALITY = 0.82;
/** The icon: a 48 px PNG (sharp on 1.5× screens; every browser takes PNG icons). */
const outputs = (file) =>
  file === 'favicon.svg'
    ? { path: join(root, 'demo', 'public', 'favicon.png'), width: 48, type: 'image/png' }
    : { path: join(media, file.replace(/\.svg$/, '.webp')), width: WIDTH, type: 'image/webp' };

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const file of readdirSync(art).filter((f) => f.endsWith('.svg'))) {
    const svg = readFileSync(join(art, file), 'utf8');
    const out = outputs(file);
    const data = await page.evaluate(
      async (source, width, type, quality) => {
        const img = new Image();
        img.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(source)));
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = Math.round((width * img.naturalHeight) / img.naturalWidth);
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        return canvas.toDataURL(type, quality);
      },
      svg,
      out.width,
      out.type,
      QUALITY,
    );
    if (!data.startsWith(`data:${out.type};base64,`))
      throw new Error(`${file}: this Chromium did not encode ${out.type}`);
    writeFileSync(out.path, Buffer.from(data.slice(data.indexOf(',') + 1), 'base64'));
    console.log(`${file} → ${relative(root, out.path)}`);
  }
} finally {
  await browser.close();
}
