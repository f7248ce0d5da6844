/*
 * The engine's JS API over the WASM module. Runs inside the Web Worker (via
 * importScripts) and under Node (via require), so the tests exercise the very
 * code the browser runs.
 */
(function (root) {
  'use strict';

  const INDEX_FORMAT = 6;  // kb::schema::kFormatVersion; the WASM tests fail when the two differ
  const MAX_QUESTION_CHARS = 1000;
  // Databases larger than this are read by HTTP range requests, block by block,
  // instead of downloaded whole (see fetchDatabaseSource).
  const LAZY_ABOVE_BYTES = 2 * 1024 * 1024;
  // Four of the index's 2 KiB blocks per request. A question reads scattered
  // blocks, so this trades bytes against round trips: for a first answer from
  // 100,000 entries, 1.1 MB in 136 requests, against 0.4 MB in 221 with 2 KiB
  // and 1.8 MB in 115 with 16 KiB.
  const LAZY_CHUNK_BYTES = 8 * 1024;
  const LAZY_CACHE_BYTES = 32 * 1024 * 1024;
  // A download that receives nothing for this long, before its headers or
  // between two pieces of its body, has failed: a server that accepts the
  // connection and never answers must not leave the widget loading forever.
  const STALL_MS = 15000;

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
   * fetch() that gives up when no data arrives for `stallMs`: while waiting
   * for the headers, or for the next piece of the body, so a slow but moving
   * download of a large index never times out, and a stalled one does. The
   * body is watched through a clone, and the caller reads fetch's own
   * Response (its URL is what the browser keys compiled WebAssembly by);
   * `response.failure` then says why a read of it failed (see readBody).
   */
  async function download(url, { fetchImpl = root.fetch, init = {}, stallMs = STALL_MS } = {}) {
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    let failed = null;  // kept: a browser reports a failed body only as "Failed to fetch"
    let timer = null;
    const watch = () => {
      clearTimeout(timer);
      if (!controller || !(stallMs > 0)) return;
      timer = setTimeout(() => {
        failed = new Error(`could not download ${url}: no data for ${stallMs / 1000} s`);
        controller.abort();  // ends the request and both copies of its body
      }, stallMs);
    };
    let response;
    watch();
    try {
      response = await fetchImpl(url, controller ? { ...init, signal: controller.signal } : init);
    } catch (err) {
      throw failed || new Error(`could not download ${url}: ${(err && err.message) || err}`);
    } finally {
      clearTimeout(timer);
    }
    if (!response.ok) {
      if (controller) controller.abort();  // nothing more is needed from this one
      throw new Error(`could not download ${url}: HTTP ${response.status}`);
    }
    Object.defineProperty(response, 'failure', { get: () => failed });
    if (!response.body || typeof response.clone !== 'function') return response;
    const probe = response.clone().body.getReader();
    (async () => {
      for (let piece = { done: false }; !piece.done;) {
        watch();
        piece = await probe.read();
      }
    })().catch(() => {}).finally(() => clearTimeout(timer));
    return response;
  }

  /** read(response), with the download's own error when its body failed. */
  async function readBody(response, read) {
    try {
      return await read(response);
    } catch (err) {
      throw response.failure || err;
    }
  }

  /**
   * The index's manifest, always revalidated with the server (it is small and
   * says which database is current), checked for a format this engine reads.
   */
  async function fetchManifest(indexUrl, { fetchImpl, stallMs } = {}) {
    const url = indexBase(indexUrl) + 'manifest.json';
    let manifest;
    try {
      manifest = await readBody(await download(url, { fetchImpl, stallMs, init: { cache: 'no-cache' } }), (r) => r.json());
    } catch (err) {
      throw new Error(err.message.startsWith('could not download') ? err.message : `${url} is not a manifest: ${err.message}`);
    }
    return checkManifest(manifest);
  }

  /** The manifest, if this engine reads the index it describes; a clear error otherwise. */
  function checkManifest(manifest) {
    if (!manifest || manifest.format !== INDEX_FORMAT) {
      throw new Error(`index format ${manifest && manifest.format} is not supported (expected ${INDEX_FORMAT}); rebuild the index`);
    }
    return manifest;
  }

  /** The database a manifest names; its name carries its hash, so caches may keep it forever. */
  async function fetchDatabase(indexUrl, manifest, { fetchImpl, stallMs } = {}) {
    const url = indexBase(indexUrl) + manifest.database;
    let bytes;
    try {
      bytes = new Uint8Array(await readBody(await download(url, { fetchImpl, stallMs }), (r) => r.arrayBuffer()));
    } catch (err) {
      throw err.message.startsWith('could not download') ? err : new Error(`could not download ${url}: ${err.message}`);
    }
    if (bytes.length !== manifest.bytes) {
      throw new Error(`index download incomplete: ${bytes.length} of ${manifest.bytes} bytes`);
    }
    return bytes;
  }

  /**
   * Checks that a 206 holds bytes `start` to `end` (inclusive) of a file of
   * `size` bytes, from its Content-Range, which must read exactly
   * `bytes START-END/TOTAL`. A server or cache that answers another range, or
   * the same length from another offset, would otherwise have the engine read
   * the wrong blocks as the right ones; so would an index changed on the server.
   */
  function checkContentRange(url, header, start, end, size) {
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(header || '').trim());
    const fail = (why) => new Error(`could not read ${url}: ${why}`);
    if (!m) throw fail(`Content-Range "${header || ''}" is not bytes START-END/TOTAL`);
    const [got, gotEnd, total] = m.slice(1).map(Number);
    if (total !== size) {
      throw new Error(`${url} is ${total} bytes, the manifest says ${size}: the index changed on the server`);
    }
    if (got !== start || gotEnd !== end) {
      throw fail(`asked for bytes ${start}-${end}, the server sent ${got}-${gotEnd}`);
    }
  }

  /**
   * A synchronous range reader over HTTP for a Web Worker (synchronous XHR is
   * allowed there): readRange(start, end) -> Uint8Array. The server must answer
   * 206 with exactly the range asked for, of the database's full length;
   * anything else is an error.
   */
  function httpRangeReader(url, size, stallMs = STALL_MS) {
    return (start, end) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url, false);
      xhr.responseType = 'arraybuffer';
      xhr.timeout = stallMs;  // allowed for synchronous requests in a worker
      xhr.setRequestHeader('Range', `bytes=${start}-${end - 1}`);
      try {
        xhr.send(null);
      } catch (err) {
        throw new Error(`could not read ${url}: ${err.message || err}`);
      }
      if (xhr.status !== 206) throw new Error(`could not read ${url}: HTTP ${xhr.status || 'network error'}`);
      checkContentRange(url, xhr.getResponseHeader('Content-Range'), start, end - 1, size);
      return new Uint8Array(xhr.response);
    };
  }

  /**
   * What to open for a manifest: the database's bytes, or, when it is larger
   * than `lazyAbove` and the server answers range requests, a lazy source
   * ({size, readRange, first}) that fetches blocks as questions need them.
   * A server that ignores Range sends the whole file, which is then used as is.
   */
  async function fetchDatabaseSource(indexUrl, manifest, { lazyAbove = LAZY_ABOVE_BYTES, fetchImpl, stallMs = STALL_MS } = {}) {
    if (!(manifest.bytes > lazyAbove) || typeof XMLHttpRequest === 'undefined') return fetchDatabase(indexUrl, manifest, { fetchImpl, stallMs });
    const url = indexBase(indexUrl) + manifest.database;
    const firstEnd = Math.min(LAZY_CHUNK_BYTES, manifest.bytes) - 1;
    const init = { headers: { Range: `bytes=0-${firstEnd}` } };
    const response = await download(url, { fetchImpl, stallMs, init });
    const first = new Uint8Array(await readBody(response, (r) => r.arrayBuffer()));
    if (response.status !== 206) {
      if (first.length !== manifest.bytes) throw new Error(`index download incomplete: ${first.length} of ${manifest.bytes} bytes`);
      return first;
    }
    // The first chunk is kept as the file's chunk 0, so it is checked like every later read.
    checkContentRange(url, response.headers.get('Content-Range'), 0, firstEnd, manifest.bytes);
    return { size: manifest.bytes, readRange: httpRangeReader(url, manifest.bytes, stallMs), first };
  }

  /** Downloads an index folder: {manifest, bytes}. */
  async function fetchIndex(indexUrl, options = {}) {
    const manifest = await fetchManifest(indexUrl, options);
    return { manifest, bytes: await fetchDatabase(indexUrl, manifest, options) };
  }

  /**
   * Makes `path` a read-only file of `size` bytes whose contents come on
   * demand from readRange(start, end) (synchronous, end exclusive), in
   * `chunkSize` pieces kept in a cache of at most `cacheBytes`, least recently
   * used first out. Xapian reads its database in fixed-size blocks with
   * pread(), so a question fetches only the blocks it touches. A failed read
   * becomes EIO, which Xapian reports as a DatabaseError: a clear error, not a
   * crash. `stats` counts what was fetched.
   */
  function createLazyFile(FS, path, { size, readRange, chunkSize = LAZY_CHUNK_BYTES, cacheBytes = LAZY_CACHE_BYTES, first = null }, stats) {
    const chunks = new Map();  // chunk number -> Uint8Array; Map order is recency
    let cached = 0;
    const keep = (n, bytes) => {
      chunks.set(n, bytes);
      cached += bytes.length;
      for (const [old, b] of chunks) {
        if (cached <= cacheBytes || old === n) break;
        chunks.delete(old);
        cached -= b.length;
      }
    };
    if (first && first.length >= Math.min(chunkSize, size)) keep(0, first.subarray(0, Math.min(chunkSize, size)));
    const chunk = (n) => {
      let bytes = chunks.get(n);
      if (bytes) {
        chunks.delete(n);  // most recently used goes last
        chunks.set(n, bytes);
        return bytes;
      }
      const start = n * chunkSize;
      const end = Math.min(size, start + chunkSize);
      try {
        bytes = readRange(start, end);
      } catch (err) {
        stats.lastError = String((err && err.message) || err);
        throw new FS.ErrnoError(29);  // EIO
      }
      if (!bytes || bytes.length !== end - start) {
        stats.lastError = `index read of bytes ${start}-${end - 1} returned ${bytes ? bytes.length : 0} bytes`;
        throw new FS.ErrnoError(29);
      }
      stats.fetchedBytes += bytes.length;
      stats.requests += 1;
      keep(n, bytes);
      return bytes;
    };
    const slash = path.lastIndexOf('/');
    const node = FS.createFile(path.slice(0, slash) || '/', path.slice(slash + 1), {}, true, false);
    Object.defineProperty(node, 'usedBytes', { get: () => size });
    node.stream_ops = {
      ...node.stream_ops,
      read(stream, buffer, offset, length, position) {
        const end = Math.min(size, position + length);
        let done = 0;
        for (let pos = position; pos < end;) {
          const n = Math.floor(pos / chunkSize);
          const bytes = chunk(n);
          const from = pos - n * chunkSize;
          const take = Math.min(end - pos, bytes.length - from);
          buffer.set(bytes.subarray(from, from + take), offset + done);
          done += take;
          pos += take;
        }
        return done;
      },
      write() { throw new FS.ErrnoError(69); },  // EROFS: the index is read-only
      mmap() { throw new FS.ErrnoError(43); },   // ENODEV: pread only
    };
    stats.mode = 'ranges';
    stats.indexBytes = size;
    stats.chunkBytes = chunkSize;
    return () => { chunks.clear(); cached = 0; };
  }

  /**
   * Instantiates the WASM module, opens the database and returns the engine:
   * synchronous ask/search/get that throw Errors with clear text, reload(),
   * which swaps in a new database only if it opens, and stats().
   * The database is `indexBytes` (all of it, in memory) or `lazyIndex`
   * ({size, readRange, first}, read on demand; see createLazyFile).
   */
  async function loadEngine({ createModule, moduleOptions = {}, indexBytes = null, lazyIndex = null }) {
    const mod = await createModule(moduleOptions);
    let generation = 0;
    let current = null;  // the open database's path
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
      ask: (question, context) => call(() => mod.ask(questionText(question), context ? JSON.stringify(context) : '')),
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
      stats: () => ({ ...stats, memoryBytes: mod.HEAP8.buffer.byteLength, heapBytes: unwrap(mod.memory()).allocated }),
    };
    return engine;
  }

  /**
   * Emscripten's instantiateWasm hook with the same watch as the index:
   * fetches the .wasm (compiling while it streams when the server says
   * application/wasm) and calls receive(instance, module), or onError with a
   * clear error when it is missing, broken or stalls.
   */
  function wasmInstantiator(url, { fetchImpl, stallMs = STALL_MS, onError }) {
    return (imports, receive) => {
      (async () => {
        const response = await download(url, { fetchImpl, stallMs, init: { credentials: 'same-origin' } });
        const streaming = typeof WebAssembly.instantiateStreaming === 'function' &&
          /^application\/wasm/.test(response.headers.get('Content-Type') || '');
        const { instance, module } = await readBody(response, (r) => (streaming
          ? WebAssembly.instantiateStreaming(r, imports)
          : r.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports))));
        receive(instance, module);
      })().catch((err) => onError(err.message.startsWith('could not download') ? err
        : new Error(`could not start the engine from ${url}: ${err.message}`)));
      return {};  // the exports arrive through receive()
    };
  }

  const api = { fetchIndex, fetchManifest, checkManifest, fetchDatabase, fetchDatabaseSource, loadEngine, wasmInstantiator, INDEX_FORMAT,
    LAZY_ABOVE_BYTES, STALL_MS };
  root.KbEngineCore = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})(typeof self !== 'undefined' ? self : globalThis);
