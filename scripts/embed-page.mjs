// The embeddable widget's page, dist/embed.html: one self-contained file made from the
// template embed.html (at the project's root) and the widget's build (Trunk builds the
// `embed` binary as a classic script, embed.js, and its Wasm, embed_bg.wasm; see
// index.html). Called by the post-build hook (scripts/externalize-init.mjs).
//
// Why one file with everything inline: a blog embeds the widget in an iframe sandboxed
// with "allow-scripts allow-downloads", whose document has an opaque origin. Such a
// document may not fetch module scripts or Wasm from the server that sent it unless that
// server sends CORS headers, which static hosts often do not. Inline, nothing is
// fetched at all.
//
// The Wasm goes in gzip-compressed and in base64, and the page inflates it with the
// browser's DecompressionStream: base64 of the raw Wasm would not compress well in
// transfer (gzip of base64 ≈ 1.3× gzip of the bytes), base64 of gzip stays ≈ 1.0×.
// The page's CSP allows the one inline script and the one <style> by their hashes,
// no network at all ('none' for connect-src and default-src).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// The single-file build's helpers: one file by pattern, text safe to inline, CSP hashes.
import { only, rawText, sha256 } from './single-file.mjs';

export const PAGE = 'embed.html';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Writes `dir/embed.html` and removes the widget's separate files from `dir`. */
export function buildEmbedPage(dir) {
  const jsName = only(dir, /^embed(-[0-9a-f]+)?\.js$/);
  const wasmName = only(dir, /^embed(-[0-9a-f]+)?_bg\.wasm$/);
  const cssName = only(dir, /^app(-[0-9a-f]+)?\.css$/);
  const glue = readFileSync(join(dir, jsName), 'utf8');
  if (!/^let wasm_bindgen = /m.test(glue)) throw new Error(`embed page: ${jsName} is not wasm-bindgen's no-modules glue`);
  const wasm = readFileSync(join(dir, wasmName));
  const packed = gzipSync(wasm, { level: 9 }).toString('base64');
  const script = rawText(
    [
      glue,
      '// Start (scripts/embed-page.mjs): the Wasm from its data block, inflated.',
      '(async () => {',
      "  const text = atob(document.getElementById('rc-embed-wasm').textContent.trim());",
      '  const packed = new Uint8Array(text.length);',
      '  for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);',
      "  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));",
      '  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());',
      '  await wasm_bindgen({ module_or_path: bytes });',
      '})();',
      '',
    ].join('\n'),
    'script',
    jsName,
  );
  const styles = rawText(readFileSync(join(dir, cssName), 'utf8'), 'style', cssName);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
    "connect-src 'none'",
    `style-src ${sha256(styles)}`,
    'img-src data: blob:',
    "font-src 'none'",
    "worker-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  let page = readFileSync(join(ROOT, PAGE), 'utf8');
  const head = [
    '  <!-- Everything inline (scripts/embed-page.mjs): it runs in a sandboxed iframe and',
    '       fetches nothing. Only the script and the style below may run, by their hashes. -->',
    `  <meta http-equiv="Content-Security-Policy" content="${csp}">`,
    `  <style>${styles}</style>`,
    '</head>',
  ].join('\n');
  if (page.split('</head>').length !== 2 || page.split('</body>').length !== 2) throw new Error(`embed page: ${PAGE} needs one </head> and one </body>`);
  page = page.replace('</head>', () => head);
  page = page.replace(
    '</body>',
    () =>
      `<script type="application/octet-stream" id="rc-embed-wasm">${packed}</script>\n<script>${script}</script>\n</body>`,
  );
  writeFileSync(join(dir, PAGE), page);
  rmSync(join(dir, jsName));
  rmSync(join(dir, wasmName));
  return { page: join(dir, PAGE), bytes: Buffer.byteLength(page), gzipped: gzipSync(page, { level: 9 }).length };
}
