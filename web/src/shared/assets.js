/*
 * The files the front end loads after kb-widget.js. The site's assembly gives
 * each a name that carries the hash of its content (kb-worker.<hash>.js), so
 * browsers may cache them for good: scripts/bundle.mjs turns every
 * '@kb-asset:NAME' below into the marker scripts/hash-assets.mjs fills with
 * that name.
 */
export const ENGINE_FILE = '@kb-asset:kb-engine.js';
export const STYLE_FILE = '@kb-asset:kb-widget.css';
export const WORKER_FILE = '@kb-asset:kb-worker.js';
export const WASM_FILE = '@kb-asset:kb-core.wasm';

/**
 * Where kb-engine.js registers the engine for the widget and the console: a
 * symbol, which no element id or name on a host page can create or shadow.
 */
export const ENGINE_KEY = Symbol.for('kb-engine');
