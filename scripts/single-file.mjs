// The single-file build: one HTML file that holds the whole app and works when opened
// from disk (file://), with nothing to serve and no network at all.
//
//   node scripts/single-file.mjs [DIST] [OUT]     (defaults: dist/ and dist-single/)
//
// From the release build in DIST (`trunk build --release`) it writes
// OUT/retention-calculator.html with
// - the stylesheet in a <style> element;
// - the page's wasm-bindgen glue and Trunk's start-up code in one inline module script,
//   which takes the app's Wasm from a data block instead of fetching it;
// - data blocks (<script type="application/octet-stream">, never run) holding, in
//   base64, the app's Wasm, the worker's Wasm and the worker's code: its wasm-bindgen
//   glue, and the slice-reading helper (src/slice_reader.js), which the worker starts
//   from a Blob URL it names in `self.sliceReaderUrl` (src/worker.rs);
// - the start-up code makes the Web Worker from a Blob URL (the worker's code and its
//   Wasm) and names it in <meta name="worker">, where the app looks for its worker
//   (src/ui/worker_client.rs);
// - a Content-Security-Policy as strict as the served page's: no network at all
//   (default-src and connect-src 'none'), the one inline script and the one <style>
//   allowed by their sha256 hashes (no 'unsafe-inline'), 'wasm-unsafe-eval' to compile
//   the Wasm, workers only from blob: URLs, images only from data: and blob: URLs.
// No service worker: a page opened from disk does not register one (src/ui/browser.rs).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FILE_NAME = 'retention-calculator.html';

export const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The one file of `dir` whose name matches `pattern`. */
export function only(dir, pattern) {
  const found = readdirSync(dir).filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`${dir}: expected one file like ${pattern}, found ${found.length}`);
  return found[0];
}

/** `text` with `from` replaced by `to`, which must occur exactly once. */
function replaceOnce(text, from, to, what) {
  const parts = typeof from === 'string' ? text.split(from) : null;
  const count = parts ? parts.length - 1 : (text.match(new RegExp(from.source, from.flags.replace('g', '') + 'g')) ?? []).length;
  if (count !== 1) throw new Error(`single-file: expected one ${what}, found ${count}`);
  return text.replace(from, () => to);
}

/** Text that goes inside an HTML <script> or <style> element as it is. */
export function rawText(text, element, what) {
  const bad = element === 'script' ? /<\/script|<!--|<script/i : /<\/style/i;
  if (bad.test(text)) throw new Error(`single-file: ${what} contains ${text.match(bad)[0]}: cannot inline it`);
  return text;
}

const dataBlock = (id, bytes) =>
  `<script type="application/octet-stream" id="${id}">${Buffer.from(bytes).toString('base64')}</script>`;

export function buildSingleFile(dist, out) {
  const read = (name) => readFileSync(join(dist, name));
  const html = read('index.html').toString('utf8');

  // The page's own files, as the build hook (scripts/externalize-init.mjs) left them.
  const css = only(dist, /^app(-[0-9a-f]+)?\.css$/);
  const initName = only(dist, /^init-[0-9a-f]+\.js$/);
  const init = read(initName).toString('utf8');
  const appJsName = init.match(/from '\.\/([^']+\.js)'/)?.[1];
  const appWasmName = init.match(/module_or_path: '\.\/([^']+\.wasm)'/)?.[1];
  if (!appJsName || !appWasmName) throw new Error(`single-file: ${initName} names no app script or Wasm`);
  const loaderName = html.match(/<meta name="worker" content="\.\/([^"]+)">/)?.[1];
  if (!loaderName) throw new Error('single-file: index.html has no <meta name="worker">');
  const loader = read(loaderName).toString('utf8');
  const [, workerJsName, workerWasmName] =
    loader.match(/^importScripts\("\.\/([^"]+\.js)"\);\s*wasm_bindgen\("\.\/([^"]+\.wasm)"\);?\s*$/) ?? [];
  if (!workerJsName) throw new Error(`single-file: unexpected worker loader ${loaderName}: ${loader}`);

  // The worker's code: the helper as a Blob URL of the worker's own, the wasm-bindgen
  // glue (a classic script, as the loader's importScripts ran it), and a function that
  // starts it from base64 the page appends (the worker's Wasm: see `start` below).
  const worker = [
    '// The Web Worker of the single-file build (scripts/single-file.mjs).',
    `self.sliceReaderUrl = URL.createObjectURL(new Blob([${JSON.stringify(read('slice_reader.js').toString('utf8'))}], { type: 'text/javascript' }));`,
    read(workerJsName).toString('utf8'),
    'function rcStartWorker(base64) {',
    '  const text = atob(base64);',
    '  const bytes = new Uint8Array(text.length);',
    '  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);',
    '  wasm_bindgen({ module_or_path: bytes });',
    '}',
    '',
  ].join('\n');

  // The page's module: the app's glue (ES module) without its export list, then
  // Trunk's start-up code in a block of its own (its names would clash with the
  // glue's) with the Wasm from the data block instead of its file.
  const appJs = read(appJsName).toString('utf8');
  const exportList = appJs.match(/^export \{([^}]*)\};\s*$/m);
  if (!exportList) throw new Error(`single-file: ${appJsName} has no export list`);
  if (/^export /m.test(appJs.replace(exportList[0], ''))) throw new Error(`single-file: ${appJsName} exports more than one list`);
  const bindings = exportList[1]
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const [local, exported = local] = e.split(/\s+as\s+/);
      return `${exported}: ${local}`;
    });
  let start = init;
  start = replaceOnce(start, /^import init, \* as bindings from '[^']+';$/m, '', 'import of the app in the start-up code');
  start = replaceOnce(start, `module_or_path: './${appWasmName}'`, "module_or_path: rcBytes('rc-app-wasm')", 'Wasm path in the start-up code');
  const moduleCode = [
    appJs.replace(exportList[0], ''),
    '// The start-up of the single-file build (scripts/single-file.mjs).',
    '{',
    '  const rcBlock = (id) => document.getElementById(id).textContent.trim();',
    '  const rcBytes = (id) => {',
    '    const text = atob(rcBlock(id));',
    '    const bytes = new Uint8Array(text.length);',
    '    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);',
    '    return bytes;',
    '  };',
    '  // The worker from a Blob (its code, then its Wasm to start with), named where the',
    '  // app looks for it.',
    "  const worker = new Blob([rcBytes('rc-worker'), `\\nrcStartWorker(\"${rcBlock('rc-worker-wasm')}\");\\n`], { type: 'text/javascript' });",
    "  document.querySelector('meta[name=worker]').setAttribute('content', URL.createObjectURL(worker));",
    `  const init = __wbg_init;`,
    `  const bindings = Object.freeze({ __proto__: null, ${bindings.join(', ')} });`,
    start.trim().replace(/^/gm, '  '),
    '}',
    '',
  ].join('\n');
  const styles = read(css).toString('utf8');
  rawText(moduleCode, 'script', 'the page module');
  rawText(styles, 'style', css);

  const csp = [
    "default-src 'none'",
    `script-src ${sha256(moduleCode)} 'wasm-unsafe-eval'`,
    "connect-src 'none'",
    `style-src ${sha256(styles)}`,
    'img-src data: blob:',
    "font-src 'none'",
    'worker-src blob:',
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');

  // index.html's comments speak of the served page; blank lines they leave go too
  // (before anything is inlined: the hashes are of the inlined text as it is).
  let page = html.replace(/<!--[\s\S]*?-->/g, '').replace(/\n\s*\n/g, '\n');
  page = replaceOnce(
    page,
    /<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
    '<!-- The whole app in one file (scripts/single-file.mjs): it opens from disk and may not\n' +
      '       use the network at all. Only the inline script and style below may run (by their\n' +
      '       hashes); the worker comes from a Blob URL the script makes. -->\n' +
      `  <meta http-equiv="Content-Security-Policy" content="${csp}">`,
    'CSP meta tag',
  );
  page = replaceOnce(page, new RegExp(`<link rel="stylesheet" href="\\./${css}"[^>]*>`), `<style>${styles}</style>`, 'stylesheet link');
  page = replaceOnce(page, `<script type="module" src="./${initName}"></script>`, '', 'start-up script');
  page = replaceOnce(page, /<link rel="modulepreload"[^>]*>/, '', 'modulepreload link');
  page = replaceOnce(page, /<link rel="preload"[^>]*>/, '', 'Wasm preload link');
  page = replaceOnce(page, `<meta name="worker" content="./${loaderName}">`, '<meta name="worker" content="">', 'worker meta tag');
  const blocks = [
    dataBlock('rc-app-wasm', read(appWasmName)),
    dataBlock('rc-worker-wasm', read(workerWasmName)),
    dataBlock('rc-worker', Buffer.from(worker, 'utf8')),
    `<script type="module">${moduleCode}</script>`,
  ].join('\n');
  page = replaceOnce(page, '</body>', `${blocks}\n</body>`, '</body>');
  if (/\b(src|href)="\.\//.test(page)) throw new Error(`single-file: a reference to a file is left: ${page.match(/\b(src|href)="\.\/[^"]*"/)[0]}`);

  mkdirSync(out, { recursive: true });
  const target = join(out, FILE_NAME);
  writeFileSync(target, page);
  return target;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dist = resolve(process.argv[2] ?? join(root, 'dist'));
  const out = resolve(process.argv[3] ?? join(root, 'dist-single'));
  const target = buildSingleFile(dist, out);
  const mb = (readFileSync(target).length / 1e6).toFixed(1);
  console.log(`single-file: wrote ${target} (${mb} MB); open it from disk, nothing to serve`);
}
