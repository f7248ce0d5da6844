/*
 * kb-engine.js: the engine API for pages, loaded by the widget when a visitor
 * shows intent, and by the agent console and any page that scripts the engine
 * itself (docs/widget.md, "The engine API alone").
 */
import { ENGINE_KEY } from '../shared/assets.js';
import { documentGet } from '../shared/dom.js';

import { KbEngine } from './client.js';

// The worker lives next to this script, whatever the page's address.
const script = documentGet('currentScript');
KbEngine.scriptBase = script ? new URL('.', script.src).href : documentGet('baseURI');

// Under a symbol, not a global name: an element with id="KbEngine" would
// shadow a name, while no markup can create a symbol-keyed property. The page
// keeps one global of ours, KbWidget.
window[ENGINE_KEY] = KbEngine;
