// The page half of the PapaParse comparison (bench/papa.html). It starts the worker at
// load (as the app starts its own reading worker at load, so neither timing includes
// a worker start), and on a file-input `change` posts the File to it. The time runs
// from the `change` event to the worker's answer arriving on this page, which is what
// bench/run.mjs also measures for the app (input event to "ready").
'use strict';

(() => {
  const out = document.getElementById('out');
  const input = document.getElementById('file');
  const state = { ready: false, encoding: '', t0: null, result: null };
  window.__papa = state;

  const worker = new Worker('papa-worker.js');
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.type === 'ready') {
      state.ready = true;
      out.textContent = 'PapaParse ready: pick a CSV file.';
      return;
    }
    const tDone = performance.now();
    state.result = { ...msg, t0: state.t0, tDone, seconds: (tDone - state.t0) / 1000 };
    out.textContent = JSON.stringify(state.result, null, 2);
  };
  worker.onerror = (event) => {
    state.result = { type: 'error', message: String(event.message || event) };
    out.textContent = state.result.message;
  };

  input.addEventListener('change', () => {
    const file = input.files[0];
    if (!file) return;
    state.result = null;
    state.t0 = performance.now();
    out.textContent = `parsing ${file.name} (${file.size} bytes)…`;
    worker.postMessage({ file, encoding: state.encoding });
  });
})();
