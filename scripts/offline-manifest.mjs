// Writes the build's version and file list into the service worker (src/sw.js, copied
// into the build by Trunk): the version is a hash of every file of the build but sw.js
// itself (names and contents), so that each build that changes anything has a new
// sw.js, which the browser then installs with a cache of its own. Called by the
// post-build hook (scripts/externalize-init.mjs) once index.html is final.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVICE_WORKER = 'sw.js';

/** Every file under `dir` (relative, '/'-separated, sorted), but the service worker. */
export function buildFiles(dir, prefix = '') {
  const files = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...buildFiles(path, `${prefix}${name}/`));
    else if (`${prefix}${name}` !== SERVICE_WORKER) files.push(`${prefix}${name}`);
  }
  return files;
}

/** Stamps `dir/sw.js` with the build's files, but those named in `exclude`. */
export function stampServiceWorker(dir, exclude = []) {
  const swPath = join(dir, SERVICE_WORKER);
  const sw = readFileSync(swPath, 'utf8');
  const files = buildFiles(dir).filter((f) => !exclude.includes(f));
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(dir, file)));
    hash.update('\0');
  }
  const version = hash.digest('hex').slice(0, 16);
  const list = ['./', ...files.map((f) => `./${f}`)];
  const versionLine = /^const VERSION = '[^']*';$/m;
  const filesLine = /^const FILES = \[[^\]]*\];$/m;
  if (!versionLine.test(sw) || !filesLine.test(sw)) {
    throw new Error(`${swPath}: no "const VERSION = '…';" or "const FILES = […];" line to fill in`);
  }
  writeFileSync(
    swPath,
    sw
      .replace(versionLine, `const VERSION = '${version}';`)
      .replace(filesLine, `const FILES = ${JSON.stringify(list)};`),
  );
  return { version, files: list };
}
