/*
 * kb-engine.js: the engine API for pages, loaded by the widget when a visitor
 * shows intent, and by the agent console and any page that scripts the engine
 * itself (docs/widget.md, "The engine API alone").
 */
import { KbEngine } from './client.js';
import { ENGINE_KEY } from '../shared/assets.js';
import { documentGet } from '../shared/dom.js';

// The worker lives next to this script, whatever the page's address.
const script = documentGet('currentScript');
KbEngine.scriptBase = script ? new URL('.', script.src).href : documentGet('baseURI');

// The public name, for pages that script the engine themselves; the widget
// and the console read the symbol, since an element with id="KbEngine"
// shadows the name until this line runs, and a symbol-keyed property no
// markup can create.
window.KbEngine = KbEngine;
window[ENGINE_KEY] = KbEngine;
