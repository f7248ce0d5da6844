/*
 * The engine's Web Worker: owns the WASM module and the index, answers the
 * page's calls (client.js). scripts/bundle.mjs puts the Emscripten glue
 * (createKbCore) in front of this bundle, so the worker starts after one
 * download rather than three in a row.
 */
/* global createKbCore */
import { WASM_FILE } from '../shared/assets.js';

import { checkManifest, fetchDatabaseSource, fetchManifest, loadEngine, wasmInstantiator } from './api.js';

// The page waits for this before it trusts the worker to report its own stalls.
self.postMessage({ started: true });

let enginePromise = null;
// The manifest the page fetched while this script downloaded (client.js):
// {manifest}, {error}, or null when the page has none and the worker fetches it.
let handOver;
let pageManifest = new Promise((resolve) => {
  handOver = resolve;
});
let indexUrl = null;
let sourceOptions = {};

/** The database for a manifest: all its bytes, or a lazy source read by range requests. */
async function source(manifest) {
  const src = await fetchDatabaseSource(indexUrl, manifest, sourceOptions);
  return src instanceof Uint8Array ? { indexBytes: src } : { lazyIndex: src };
}

async function start(options) {
  indexUrl = options.indexUrl;
  sourceOptions = { stallMs: options.stallMs };
  if (options.lazyAbove !== undefined) sourceOptions.lazyAbove = options.lazyAbove;
  // Download and compile the engine while the index downloads; the .wasm is
  // fetched by our hook, so a missing or stalled one fails with a clear error.
  let wasmFailed;
  const failed = new Promise((resolve, reject) => {
    wasmFailed = reject;
  });
  const wasmUrl = new URL(WASM_FILE, self.location.href).href;
  const module = Promise.race([
    failed,
    createKbCore({
      instantiateWasm: wasmInstantiator(wasmUrl, { stallMs: options.stallMs, onError: wasmFailed }),
    }),
  ]);
  module.catch(() => {}); // reported by loadEngine below, if the index arrives
  const handed = options.pageManifest && pageManifest ? await pageManifest : null;
  pageManifest = null; // used once: a later init fetches a current one
  if (handed && handed.error) throw new Error(handed.error);
  const manifest = handed ? checkManifest(handed.manifest) : await fetchManifest(indexUrl, sourceOptions);
  const engine = await loadEngine({ createModule: () => module, ...(await source(manifest)) });
  engine.info = { ...engine.info, manifest };
  return engine;
}

// V8 compiles each WebAssembly function on its first call, which made a
// visitor's first question 100-150 ms slower than the next. So once the index
// is open, the worker asks one question and runs one search of its own while
// the visitor is still typing: a type-ahead search, then the title of its first
// hit as a question, which goes through the whole answer path. Nothing of it
// leaves the worker. Each step is a task of its own, so a question that
// arrives meanwhile waits for one step at most; questions sent before the index
// opened run first (client.js sends them at once). Once a visitor's question
// has run, the code is warm, and the rest is skipped: it would only compete
// with drawing that visitor's answer. An index read by range requests is not warmed: that would download
// blocks no visitor asked for.
const WARM_UP_QUERY = '怎么办';

let warmedUp = false; // reported by stats()
let visitorAsked = false;

function warmUp(engine) {
  if (engine.stats().mode !== 'memory') return;
  const step = (fn) => new Promise((resolve) => setTimeout(() => resolve(visitorAsked ? null : fn()), 0));
  step(() => engine.search(WARM_UP_QUERY, { type: 'faq', limit: 5 }))
    .then((found) => step(() => engine.ask(found.hits.length ? found.hits[0].title : WARM_UP_QUERY)))
    .then(
      () => {
        warmedUp = true;
      },
      () => {},
    ); // a failure here is the next question's to report
}

/** Looks for a newer index (another manifest hash) and swaps it in: {changed, info}. */
async function refresh(engine) {
  const manifest = await fetchManifest(indexUrl, sourceOptions);
  if (manifest.content_hash === engine.info.manifest.content_hash)
    return { changed: false, info: engine.info };
  const next = await source(manifest);
  engine.reload(next.indexBytes || next.lazyIndex);
  engine.info = { ...engine.info, manifest };
  return { changed: true, info: engine.info };
}

self.onmessage = async (event) => {
  const { id, method, args = [] } = event.data || {};
  if (method === 'manifest') {
    handOver(args[0]);
    return;
  }
  try {
    let result;
    if (method === 'init') {
      if (!enginePromise) {
        enginePromise = start(args[0] || {});
        enginePromise.then(warmUp, () => {});
      }
      result = (await enginePromise).info;
    } else {
      if (!enginePromise) throw new Error('the engine is not initialised');
      const engine = await enginePromise;
      if (method === 'refresh') result = await refresh(engine);
      else if (method === 'stats') result = { ...engine.stats(), warmedUp };
      else if (['ask', 'search', 'get'].includes(method)) {
        if (method === 'ask') visitorAsked = true;
        result = engine[method](...args); // ask(question, {previous, unhelpful}) | search(query, options) | get(id)
      } else throw new Error(`unknown method ${method}`);
    }
    self.postMessage({ id, ok: true, result });
  } catch (err) {
    if (method === 'init') enginePromise = null; // a later init may retry
    self.postMessage({ id, ok: false, error: String((err && err.message) || err) });
  }
};
