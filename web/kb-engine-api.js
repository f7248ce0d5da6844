/*
 * The engine's JS API over the WASM module. Runs inside the Web Worker (via
 * importScripts) and under Node (via require), so the tests exercise the very
 * code the browser runs.
 */
(function (root) {
  'use strict';

  const INDEX_FORMAT = 2;  // kb::schema::kFormatVersion; the WASM tests fail when the two differ
  const MAX_QUESTION_CHARS = 1000;

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

  async function download(url, fetchImpl, init) {
    let response;
    try {
      response = await fetchImpl(url, init);
    } catch (err) {
      throw new Error(`could not download ${url}: ${err.message || err}`);
    }
    if (!response.ok) throw new Error(`could not download ${url}: HTTP ${response.status}`);
    return response;
  }

  /**
   * The index's manifest, always revalidated with the server (it is small and
   * says which database is current), checked for a format this engine reads.
   */
  async function fetchManifest(indexUrl, fetchImpl = root.fetch) {
    const url = indexBase(indexUrl) + 'manifest.json';
    let manifest;
    try {
      manifest = await (await download(url, fetchImpl, { cache: 'no-cache' })).json();
    } catch (err) {
      throw new Error(err.message.startsWith('could not download') ? err.message : `${url} is not a manifest: ${err.message}`);
    }
    if (manifest.format !== INDEX_FORMAT) {
      throw new Error(`index format ${manifest.format} is not supported (expected ${INDEX_FORMAT}); rebuild the index`);
    }
    return manifest;
  }

  /** The database a manifest names; its name carries its hash, so caches may keep it forever. */
  async function fetchDatabase(indexUrl, manifest, fetchImpl = root.fetch) {
    const url = indexBase(indexUrl) + manifest.database;
    const bytes = new Uint8Array(await (await download(url, fetchImpl)).arrayBuffer());
    if (bytes.length !== manifest.bytes) {
      throw new Error(`index download incomplete: ${bytes.length} of ${manifest.bytes} bytes`);
    }
    return bytes;
  }

  /** Downloads an index folder: {manifest, bytes}. */
  async function fetchIndex(indexUrl, fetchImpl = root.fetch) {
    const manifest = await fetchManifest(indexUrl, fetchImpl);
    return { manifest, bytes: await fetchDatabase(indexUrl, manifest, fetchImpl) };
  }

  /**
   * Instantiates the WASM module, opens the database from memory and returns
   * the engine: synchronous ask/search/get that throw Errors with clear text,
   * and reload(bytes), which swaps in a new database only if it opens.
   */
  async function loadEngine({ createModule, moduleOptions = {}, indexBytes }) {
    const mod = await createModule(moduleOptions);
    let generation = 0;
    let path = '/kb-0.db';
    mod.FS.writeFile(path, indexBytes);
    const engine = {
      info: unwrap(mod.openIndex(path)),
      ask: (question, context) => unwrap(mod.ask(questionText(question), context ? JSON.stringify(context) : '')),
      search: (query, options = {}) => unwrap(mod.search(questionText(query), JSON.stringify(options))),
      get: (id) => unwrap(mod.get(String(id))),
      reload(bytes) {
        const next = `/kb-${++generation}.db`;
        mod.FS.writeFile(next, bytes);
        let info;
        try {
          info = unwrap(mod.openIndex(next));
        } catch (err) {
          mod.FS.unlink(next);
          throw err;
        }
        mod.FS.unlink(path);
        path = next;
        engine.info = { ...engine.info, ...info };
        return engine.info;
      },
    };
    return engine;
  }

  const api = { fetchIndex, fetchManifest, fetchDatabase, loadEngine, INDEX_FORMAT };
  root.KbEngineCore = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})(typeof self !== 'undefined' ? self : globalThis);
