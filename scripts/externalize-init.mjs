// Trunk post-build hook:
// 1. moves Trunk's inline start-up <script type="module"> into a file of its own, so
//    that the Content-Security-Policy can forbid every inline script ("script-src
//    'self'") instead of carrying a hash that changes with each build;
// 2. names the Web Worker's loader script (its file name carries a content hash) in
//    <meta name="worker">, where the app looks for it;
// 3. makes the embeddable widget's page, embed.html, with everything inline
//    (scripts/embed-page.mjs), and the whole app in one file, retention-calculator.html
//    (scripts/single-file.mjs), which embed.html opens for a dropped file or a snapshot:
//    both run in a sandboxed iframe, where nothing can be fetched;
// 4. writes the build's version and file list into the service worker (sw.js), which
//    caches them for use offline (scripts/offline-manifest.mjs). Last, since it hashes
//    the final files. (One hook does all four: Trunk runs hooks concurrently.)
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEmbedPage } from './embed-page.mjs';
import { stampServiceWorker } from './offline-manifest.mjs';
import { buildSingleFile, FILE_NAME } from './single-file.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this as a Trunk hook');
const htmlPath = join(dir, 'index.html');
const html = readFileSync(htmlPath, 'utf8');
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/g;
const found = [...html.matchAll(inline)];
if (found.length !== 1) throw new Error(`expected one inline module script, found ${found.length}`);
const code = found[0][1].trim() + '\n';
const name = `init-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
const loaders = readdirSync(dir).filter((f) => /^worker(-[0-9a-f]+)?_loader\.js$/.test(f));
if (loaders.length !== 1) throw new Error(`expected one worker loader, found ${loaders.length}`);
const meta = `<meta name="worker" content="./${loaders[0]}">`;
writeFileSync(
  htmlPath,
  html.replace(found[0][0], `<script type="module" src="./${name}"></script>`).replace('</head>', `${meta}\n</head>`),
);
const embed = buildEmbedPage(dir);
console.log(`embed.html: ${embed.bytes} bytes, ${embed.gzipped} gzipped (budget 150000: BENCHMARKS.md)`);
buildSingleFile(dir, dir);
// The two pages for other sites' frames are not part of the offline copy of the app.
stampServiceWorker(dir, ['embed.html', FILE_NAME]);
