/*
 * The engine, loaded on the visitor's first sign of intent: kb-engine.js
 * from the widget's base, then the engine's worker and index.
 */
import { ENGINE_FILE, ENGINE_KEY } from '../shared/assets.js';
import { documentGet, el } from '../shared/dom.js';

function loadScript(src, timeoutMs) {
  return new Promise((resolve, reject) => {
    const tag = el('script', { src });
    const timer = setTimeout(
      () => reject(new Error(`could not load ${src}: no reply in ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    tag.onload = () => {
      clearTimeout(timer);
      resolve();
    };
    tag.onerror = () => {
      clearTimeout(timer);
      reject(new Error(`could not load ${src}`));
    };
    documentGet('head').append(tag);
  });
}

/**
 * The engine, started once: a promise of a KbEngine that can answer. The
 * status line says it is loading, then clears, or says it failed, in which
 * case the next call starts afresh. Emits 'ready' and 'updated'.
 */
export function startEngine(w) {
  if (w.engine) return w.engine;
  const {
    config,
    T,
    ui: { status },
  } = w;
  status.textContent = T.loading;
  status.classList.add('loading');
  const timeoutMs = config.loadTimeout * 1000;
  const engineScript = new URL(ENGINE_FILE, config.base).href;
  const engine = (window[ENGINE_KEY] ? Promise.resolve() : loadScript(engineScript, timeoutMs)).then(() => {
    const KbEngine = window[ENGINE_KEY];
    if (typeof KbEngine !== 'function') throw new Error(`${engineScript} did not register the engine`);
    const instance = KbEngine.create({
      index: config.index,
      base: config.base,
      stallTimeout: timeoutMs,
      refreshSeconds: config.indexRefresh,
      onUpdate: (info) => w.events.emit('updated', info),
    });
    return instance.ready.then(
      (info) => {
        status.textContent = '';
        status.classList.remove('loading');
        w.events.emit('ready', info);
        return instance;
      },
      (err) => {
        instance.terminate(); // its worker and refresh timer go; the next intent starts afresh
        throw err;
      },
    );
  });
  engine.catch((err) => {
    status.textContent = T.loadFailed;
    status.classList.remove('loading');
    console.error(`KbWidget: ${err.message}`);
    w.engine = null; // the next intent retries
  });
  w.engine = engine;
  return engine;
}
