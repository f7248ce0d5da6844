/*
 * Downloads for the engine: fetch() that fails clearly when a server stalls,
 * and the synchronous range reads of an index read block by block. Used in
 * the Web Worker and under Node.
 */

// A download that receives nothing for this long, before its headers or
// between two pieces of its body, has failed: a server that accepts the
// connection and never answers must not leave the widget loading forever.
export const STALL_MS = 15000;

/**
 * fetch() that gives up when no data arrives for `stallMs`: while waiting
 * for the headers, or for the next piece of the body, so a slow but moving
 * download of a large index never times out, and a stalled one does. The
 * body is watched through a clone, and the caller reads fetch's own
 * Response (its URL is what the browser keys compiled WebAssembly by);
 * `response.failure` then says why a read of it failed (see readBody).
 */
export async function download(url, { fetchImpl = globalThis.fetch, init = {}, stallMs = STALL_MS } = {}) {
  const controller = typeof AbortController === 'function' ? new AbortController() : null;
  let failed = null; // kept: a browser reports a failed body only as "Failed to fetch"
  let timer = null;
  const watch = () => {
    clearTimeout(timer);
    if (!controller || !(stallMs > 0)) return;
    timer = setTimeout(() => {
      failed = new Error(`could not download ${url}: no data for ${stallMs / 1000} s`);
      controller.abort(); // ends the request and both copies of its body
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
    if (controller) controller.abort(); // nothing more is needed from this one
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
  })()
    .catch(() => {})
    .finally(() => clearTimeout(timer));
  return response;
}

/** read(response), with the download's own error when its body failed. */
export async function readBody(response, read) {
  try {
    return await read(response);
  } catch (err) {
    throw response.failure || err;
  }
}

/**
 * Checks that a 206 holds bytes `start` to `end` (inclusive) of a file of
 * `size` bytes, from its Content-Range, which must read exactly
 * `bytes START-END/TOTAL`. A server or cache that answers another range, or
 * the same length from another offset, would otherwise have the engine read
 * the wrong blocks as the right ones; so would an index changed on the server.
 */
export function checkContentRange(url, header, start, end, size) {
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
export function httpRangeReader(url, size, stallMs = STALL_MS) {
  return (start, end) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url, false);
    xhr.responseType = 'arraybuffer';
    xhr.timeout = stallMs; // allowed for synchronous requests in a worker
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
