#!/usr/bin/env node
// First load (issue 13; BENCHMARKS.md, "First load"). Not a test: rerun by hand.
//
//   source scripts/env.sh && trunk build --release && node bench/first-load.mjs [runs]
//
// In headless Chromium (launched as tests/e2e/harness.mjs does) against the built page
// on localhost, each run in a fresh context (nothing cached): the time from navigation
// start to the page being usable, i.e. the file chooser and the sample button drawn
// ([data-testid=status][data-state=idle]), and to the worker's hello (the page's
// `rc:worker-ready` mark, when there is one). Prints each run and the median.
import { startServer, launchBrowser } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 7);
const { server, origin } = await startServer();
const browser = await launchBrowser();
const times = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/`, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid=status][data-state=idle]', { timeout: 30000 });
  const ms = await page.evaluate(() => performance.now());
  times.push(ms);
  console.log(`run ${i + 1}: interactive after ${ms.toFixed(0)} ms`);
  await context.close();
}
times.sort((a, b) => a - b);
console.log(`median of ${runs}: ${times[Math.floor(runs / 2)].toFixed(0)} ms from navigation to the file chooser drawn`);
await browser.close();
server.close();
