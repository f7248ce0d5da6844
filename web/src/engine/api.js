/*
 * The engine's JS API over the WASM module: the index's manifest and
 * database, and the engine's ask/search/get. Runs inside the Web Worker
 * (worker.js) and under Node (the shipped kb-engine-api.js, which
 * scripts/bundle.mjs builds from this module), so the tests exercise the
 * very code the browser runs.
 */
import { checkContentRange, download, httpRangeReader, readBody, STALL_MS } from './download.js';
import { createLazyFile, LAZY_CHUNK_BYTES } from './lazy-file.js';
import { INDEX_FORMAT, MAX_QUESTION_CHARS } from '../shared/constants.js';

export { INDEX_FORMAT, MAX_QUESTION_CHARS, STALL_MS };
// Databases larger than this are read by HTTP range requests, block by block,
// instead of downloaded whole (see fetchDatabaseSource).
export const LAZY_ABOVE_BYTES = 2 * 1024 * 1024;

/** The binding returns {ok, result} or {ok: false, error} as JSON text. */
function unwrap(text) {
  const reply = JSON.parse(text);
  if (!reply.ok) throw new Error(reply.error);
  return reply.result;
}

function questionText(value) {
  if (typeof value !== 'string') throw new TypeError('the question must be a string');
  return value.slice(0, MAX_QUESTION_CHARS);
}

function indexBase(indexUrl) {
  return indexUrl.endsWith('/') ? indexUrl : indexUrl + '/';
}

/**
 * The index's manifest, always revalidated with the server (it is small and
 * says which database is current), checked for a format this engine reads.
 */
export async function fetchManifest(indexUrl, { fetchImpl, stallMs } = {}) {
  const url = indexBase(indexUrl) + 'manifest.json';
  let manifest;
  try {
    manifest = await readBody(await download(url, { fetchImpl, stallMs, init: { cache: 'no-cache' } }), (r) =>
      r.json(),
    );
  } catch (err) {
    throw new Error(
      err.message.startsWith('could not download') ? err.message : `${url} is not a manifest: ${err.message}`,
    );
  }
  return checkManifest(manifest);
}

/** The manifest, if this engine reads the index it describes; a clear error otherwise. */
export function checkManifest(manifest) {
  if (!manifest || manifest.format !== INDEX_FORMAT) {
    throw new Error(
      `index format ${manifest && manifest.format} is not supported (expected ${
        INDEX_FORMAT
      }); rebuild the index`,
    );
  }
  return manifest;
}

/** The database a manifest names; its name carries its hash, so caches may keep it forever. */
export async function fetchDatabase(indexUrl, manifest, { fetchImpl, stallMs } = {}) {
  const url = indexBase(indexUrl) + manifest.database;
  let bytes;
  try {
    bytes = new Uint8Array(
      await readBody(await download(url, { fetchImpl, stallMs }), (r) => r.arrayBuffer()),
    );
  } catch (err) {
    throw err.message.startsWith('could not download')
      ? err
      : new Error(`could not download ${url}: ${err.message}`);
  }
  if (bytes.length !== manifest.bytes) {
    throw new Error(`index download incomplete: ${bytes.length} of ${manifest.bytes} bytes`);
  }
  return bytes;
}

/**
 * What to open for a manifest: the database's bytes, or, when it is larger
 * than `lazyAbove` and the server answers range requests, a lazy source
 * ({size, readRange, first}) that fetches blocks as questions need them.
 * A server that ignores Range sends the whole file, which is then used as is.
 */
export async function fetchDatabaseSource(
  indexUrl,
  manifest,
  { lazyAbove = LAZY_ABOVE_BYTES, fetchImpl, stallMs = STALL_MS } = {},
) {
  if (!(manifest.bytes > lazyAbove) || typeof XMLHttpRequest === 'undefined')
    return fetchDatabase(indexUrl, manifest, { fetchImpl, stallMs });
  const url = indexBase(indexUrl) + manifest.database;
  const firstEnd = Math.min(LAZY_CHUNK_BYTES, manifest.bytes) - 1;
  const init = { headers: { Range: `bytes=0-${firstEnd}` } };
  const response = await download(url, { fetchImpl, stallMs, init });
  const first = new Uint8Array(await readBody(response, (r) => r.arrayBuffer()));
  if (response.status !== 206) {
    if (first.length !== manifest.bytes)
      throw new Error(`index download incomplete: ${first.length} of ${manifest.bytes} bytes`);
    return first;
  }
  // The first chunk is kept as the file's chunk 0, so it is checked like every later read.
  checkContentRange(url, response.headers.get('Content-Range'), 0, firstEnd, manifest.bytes);
  return { size: manifest.bytes, readRange: httpRangeReader(url, manifest.bytes, stallMs), first };
}

/** Downloads an index folder: {manifest, bytes}. */
export async function fetchIndex(indexUrl, options = {}) {
  const manifest = await fetchManifest(indexUrl, options);
  return { manifest, bytes: await fetchDatabase(indexUrl, manifest, options) };
}

/**
 * Instantiates the WASM module, opens the database and returns the engine:
 * synchronous ask/search/get that throw Errors with clear text, reload(),
 * which swaps in a new database only if it opens, and stats().
 * The database is `indexBytes` (all of it, in memory) or `lazyIndex`
 * ({size, readRange, first}, read on demand; see createLazyFile).
 */
export async function loadEngine({ createModule, moduleOptions = {}, indexBytes = null, lazyIndex = null }) {
  const mod = await createModule(moduleOptions);
  let generation = 0;
  let current = null; // the open database's path
  let stats = null;
  let release = () => {};
  const place = (file, source) => {
    const next = { mode: 'memory', indexBytes: 0, fetchedBytes: 0, requests: 0 };
    if (source instanceof Uint8Array) {
      mod.FS.writeFile(file, source);
      next.indexBytes = next.fetchedBytes = source.length;
      next.requests = 1;
      return { stats: next, release: () => {} };
    }
    if (source && source.first) {
      next.fetchedBytes = source.first.length;
      next.requests = 1;
    }
    return { stats: next, release: createLazyFile(mod.FS, file, source, next) };
  };
  const open = (source) => {
    const file = `/kb-${generation++}.db`;
    const placed = place(file, source);
    let info;
    try {
      info = unwrap(mod.openIndex(file));
    } catch (err) {
      placed.release();
      mod.FS.unlink(file);
      throw placed.stats.lastError ? new Error(`${err.message} (${placed.stats.lastError})`) : err;
    }
    // The engine now reads the new file; the old one goes.
    if (current) mod.FS.unlink(current);
    release();
    current = file;
    ({ stats, release } = placed);
    return info;
  };
  // A lazy read that failed surfaces in Xapian as "I/O error"; say why.
  const call = (fn) => {
    delete stats.lastError;
    try {
      return unwrap(fn());
    } catch (err) {
      throw stats.lastError ? new Error(`${err.message} (${stats.lastError})`) : err;
    }
  };
  const engine = {
    info: open(indexBytes || lazyIndex),
    ask: (question, context) =>
      call(() => mod.ask(questionText(question), context ? JSON.stringify(context) : '')),
    search: (query, options = {}) => call(() => mod.search(questionText(query), JSON.stringify(options))),
    get: (id) => call(() => mod.get(String(id))),
    /** Swaps in another database (bytes or a lazy source) if it opens; the current one stays otherwise. */
    reload(source) {
      engine.info = { ...engine.info, ...open(source) };
      return engine.info;
    },
    /**
     * What the index costs so far: {mode: 'memory'|'ranges', indexBytes,
     * fetchedBytes, requests}; and memory: the WebAssembly memory's size
     * (memoryBytes) and the bytes the engine's C++ heap holds (heapBytes).
     */
    stats: () => ({
      ...stats,
      memoryBytes: mod.HEAP8.buffer.byteLength,
      heapBytes: unwrap(mod.memory()).allocated,
    }),
  };
  return engine;
}

/**
 * Emscripten's instantiateWasm hook with the same watch as the index:
 * fetches the .wasm (compiling while it streams when the server says
 * application/wasm) and calls receive(instance, module), or onError with a
 * clear error when it is missing, broken or stalls.
 */
export function wasmInstantiator(url, { fetchImpl, stallMs = STALL_MS, onError }) {
  return (imports, receive) => {
    (async () => {
      const response = await download(url, { fetchImpl, stallMs, init: { credentials: 'same-origin' } });
      const streaming =
        typeof WebAssembly.instantiateStreaming === 'function' &&
        /^application\/wasm/.test(response.headers.get('Content-Type') || '');
      const { instance, module } = await readBody(response, (r) =>
        streaming
          ? WebAssembly.instantiateStreaming(r, imports)
          : r.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports)),
      );
      receive(instance, module);
    })().catch((err) =>
      onError(
        err.message.startsWith('could not download')
          ? err
          : new Error(`could not start the engine from ${url}: ${err.message}`),
      ),
    );
    return {}; // the exports arrive through receive()
  };
}
