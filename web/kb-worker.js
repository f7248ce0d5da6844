/* The engine's Web Worker: owns the WASM module and the index, answers RPCs. */
/* global createKbCore, KbEngineCore */
'use strict';
importScripts('kb-core.js', 'kb-engine-api.js');

let enginePromise = null;

async function start({ indexUrl }) {
  const { manifest, bytes } = await KbEngineCore.fetchIndex(indexUrl);
  const engine = await KbEngineCore.loadEngine({ createModule: createKbCore, indexBytes: bytes });
  engine.info = { ...engine.info, manifest };
  return engine;
}

self.onmessage = async (event) => {
  const { id, method, args = [] } = event.data || {};
  try {
    let result;
    if (method === 'init') {
      enginePromise = enginePromise || start(args[0] || {});
      result = (await enginePromise).info;
    } else {
      if (!enginePromise) throw new Error('the engine is not initialised');
      const engine = await enginePromise;
      if (!['ask', 'search', 'get'].includes(method)) throw new Error(`unknown method ${method}`);
      result = engine[method](...args);  // ask(question, {previous, unhelpful}) | search(query, options) | get(id)
    }
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    if (method === 'init') enginePromise = null;  // a later init may retry
    self.postMessage({ id, ok: false, error: String((err && err.message) || err) });
  }
};
