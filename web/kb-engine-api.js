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

  /**
   * Downloads an index folder (manifest.json + the single-file database) and
   * checks it is complete and of a format this engine reads.
   */
  async function fetchIndex(indexUrl, fetchImpl = root.fetch) {
    const base = indexUrl.endsWith('/') ? indexUrl : indexUrl + '/';
    const get = async (name) => {
      let response;
      try {
        response = await fetchImpl(base + name);
      } catch (err) {
        throw new Error(`could not download ${base + name}: ${err.message || err}`);
      }
      if (!response.ok) throw new Error(`could not download ${base + name}: HTTP ${response.status}`);
      return response;
    };
    const manifest = await (await get('manifest.json')).json();
    if (manifest.format !== INDEX_FORMAT) {
      throw new Error(`index format ${manifest.format} is not supported (expected ${INDEX_FORMAT}); rebuild the index`);
    }
    const bytes = new Uint8Array(await (await get(manifest.database)).arrayBuffer());
    if (bytes.length !== manifest.bytes) {
      throw new Error(`index download incomplete: ${bytes.length} of ${manifest.bytes} bytes`);
    }
    return { manifest, bytes };
  }

  /**
   * Instantiates the WASM module, opens the database from memory and returns
   * the engine: synchronous ask/search/get that throw Errors with clear text.
   */
  async function loadEngine({ createModule, moduleOptions = {}, indexBytes }) {
    const mod = await createModule(moduleOptions);
    mod.FS.writeFile('/kb.db', indexBytes);
    const info = unwrap(mod.openIndex('/kb.db'));
    return {
      info,
      ask: (question, context) => unwrap(mod.ask(questionText(question), context ? JSON.stringify(context) : '')),
      search: (query, options = {}) => unwrap(mod.search(questionText(query), JSON.stringify(options))),
      get: (id) => unwrap(mod.get(String(id))),
    };
  }

  const api = { fetchIndex, loadEngine, INDEX_FORMAT };
  root.KbEngineCore = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})(typeof self !== 'undefined' ? self : globalThis);
