/*
 * KbEngine: the promise-based engine API for pages. The engine itself runs in
 * a Web Worker (worker.js), so searching never blocks the page.
 *
 *   const engine = KbEngine.create({ index: 'kb/', refreshSeconds: 300, onUpdate: (info) => {} });
 *   await engine.ready;                 // {entries, format, manifest}
 *   const reply = await engine.ask('售后服务收费吗');
 *   await engine.stats();               // {mode: 'memory'|'ranges', indexBytes, fetchedBytes, requests,
 * memoryBytes, heapBytes, warmedUp}
 *
 * With refreshSeconds, it looks for a new index (a new manifest hash) that
 * often while the page is visible, and swaps it in without a page reload.
 *
 * stallTimeout (ms, 15000 by default): a download of the worker, the engine
 * or the index that receives nothing for this long fails `ready` with a
 * clear error, so a server that never answers cannot leave a page waiting.
 *
 * `base` (where the worker lives) defaults to the folder of the script that
 * loaded this one; index.js, the kb-engine.js bundle's entry, sets it.
 */
import { WORKER_FILE } from '../shared/assets.js';
import { documentGet } from '../shared/dom.js';

export class KbEngine {
  constructor({
    index = 'kb/',
    base = KbEngine.scriptBase || documentGet('baseURI'),
    refreshSeconds = 0,
    onUpdate = null,
    lazyAbove,
    stallTimeout = 15000,
  } = {}) {
    this._pending = new Map();
    this._nextId = 1;
    const workerUrl = new URL(WORKER_FILE, base).href;
    this._worker = new Worker(workerUrl);
    this._worker.onmessage = (event) => this._settle(event.data);
    this._worker.onerror = (event) =>
      this._failAll(new Error(`engine worker failed: ${event.message || 'load error'}`));
    // Until the worker runs, nothing in it can time out its own downloads.
    this._startWatch = setTimeout(() => {
      this._failAll(new Error(`could not start ${workerUrl}: no reply in ${stallTimeout / 1000} s`));
      this._worker.terminate();
    }, stallTimeout);
    const indexUrl = new URL(index, documentGet('baseURI')).href;
    this._fetchManifest(indexUrl, stallTimeout);
    this.ready = this._call('init', [{ indexUrl, lazyAbove, stallMs: stallTimeout, pageManifest: true }]);
    this._onUpdate = onUpdate;
    if (refreshSeconds > 0) {
      this._timer = setInterval(() => {
        // Offline: try again later.
        if (documentGet('visibilityState') !== 'hidden') this.refresh().catch(() => {});
      }, refreshSeconds * 1000);
    }
  }

  /** Looks for a newer index now: {changed, info}. A failed check keeps the current index. */
  refresh() {
    return this.ready
      .then(() => this._call('refresh', []))
      .then((r) => {
        if (r.changed && this._onUpdate) this._onUpdate(r.info);
        return r;
      });
  }

  static create(options) {
    return new KbEngine(options);
  }

  /**
   * {decision, confidence, reason, answer, suggestions}. `context`
   * ({previous, unhelpful}) lets a repeated question after an unhelpful
   * answer escalate to a person.
   */
  ask(question, context) {
    return this._callOnceReady('ask', context ? [question, context] : [question]);
  }

  /** {total, hits: [{id, title, type, category, snippet, score}]} */
  search(query, options = {}) {
    return this._callOnceReady('search', [query, options]);
  }

  /** The whole entry, or null. */
  get(id) {
    return this._callOnceReady('get', [id]);
  }

  /**
   * What the index has cost so far: {mode, indexBytes, fetchedBytes, requests},
   * and memory (memoryBytes: the WebAssembly memory; heapBytes: in use in it).
   * mode 'ranges' means the database is read block by block with HTTP range
   * requests (databases over 2 MB, or over `lazyAbove` bytes). warmedUp: the
   * engine has run its own first question, so the visitor's is not slowed by
   * compiling its code (databases in memory only; see worker.js).
   */
  stats() {
    return this._callOnceReady('stats', []);
  }

  terminate() {
    clearInterval(this._timer);
    clearTimeout(this._startWatch);
    this._worker.terminate();
    this._failAll(new Error('engine terminated'));
  }

  /**
   * The manifest says which database to download, so it is fetched here while
   * the worker script downloads, and handed to the worker, which starts the
   * database download as soon as it runs. The worker waits for this fetch
   * rather than asking again (it started earlier, so it ends earlier). When
   * it fails, the worker fetches the manifest itself and reports why; when
   * nothing comes for `stallMs`, the worker reports the stall.
   */
  _fetchManifest(indexUrl, stallMs) {
    const controller = new AbortController();
    const url = new URL('manifest.json', indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`).href;
    let handed = false;
    let timer = null;
    const handOver = (message) => {
      // {manifest}, {error}, or null: fetch it yourself
      if (handed) return;
      handed = true;
      clearTimeout(timer);
      this._worker.postMessage({ method: 'manifest', args: [message] });
    };
    timer = setTimeout(() => {
      controller.abort();
      handOver({ error: `could not download ${url}: no data for ${stallMs / 1000} s` });
    }, stallMs);
    fetch(url, { cache: 'no-cache', signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then(
        (manifest) => handOver(manifest && { manifest }),
        () => handOver(null),
      );
    this._stopManifest = () => {
      // a worker that never started: nothing left waiting
      clearTimeout(timer);
      controller.abort();
    };
  }

  /**
   * Sent to the worker at once, where it waits for the index and then runs
   * before anything the worker does by itself (its warm-up); settles only
   * after `ready`, and with ready's error when the engine could not start.
   */
  _callOnceReady(method, args) {
    const reply = this._call(method, args);
    reply.catch(() => {}); // reported through ready
    return this.ready.then(() => reply);
  }

  _call(method, args) {
    const id = this._nextId++;
    return new Promise((resolve, reject) => {
      this._pending.set(id, { resolve, reject });
      this._worker.postMessage({ id, method, args });
    });
  }

  _settle({ id, ok, result, error, started }) {
    if (started) clearTimeout(this._startWatch);
    const pending = this._pending.get(id);
    if (!pending) return;
    this._pending.delete(id);
    if (ok) pending.resolve(result);
    else pending.reject(new Error(error));
  }

  _failAll(error) {
    clearTimeout(this._startWatch);
    this._stopManifest();
    for (const { reject } of this._pending.values()) reject(error);
    this._pending.clear();
  }
}
