// The Web Worker's helper (src/worker.rs): reads slices of a File on a thread of its
// own, so that the browser reads the next slice while the app's worker parses the one
// before. (A read the worker starts itself, with FileReaderSync or Blob.arrayBuffer,
// makes progress only while that worker is not busy parsing.)
//
// It says 'ready' once its script runs. Each read of a file then arrives as { file,
// port } (a MessagePort of its own); every [start, end] sent on that port is answered
// there with those bytes as an ArrayBuffer (transferred, not copied), or with null
// when the file cannot be read.
'use strict';

onmessage = ({ data: { file, port } }) => {
  const reader = new FileReaderSync();
  port.onmessage = ({ data: [start, end] }) => {
    let bytes = null;
    try {
      bytes = reader.readAsArrayBuffer(file.slice(start, end));
    } catch {
      // answered with null: the worker reports the file as unreadable
    }
    port.postMessage(bytes, bytes ? [bytes] : []);
  };
};
postMessage('ready');
