/*
 * The values the engine and the front end share, from their one source,
 * core/constants.json, which the C++ build also turns into kb/constants.hpp.
 * esbuild bundles the JSON in; tests/js/unit/constants.test.mjs checks the
 * bundles against it, and tests/js/wasm-engine.test.mjs the .wasm.
 */
import constants from '../../../core/constants.json';

/** The index format the engine reads (the manifest's `format`). */
export const INDEX_FORMAT = constants.indexFormat;
/** Questions are cut to this many characters before any work, here and in the engine. */
export const MAX_QUESTION_CHARS = constants.maxQuestionChars;
/** The URL schemes an entry's links may use; any other link is shown as text. */
export const LINK_SCHEMES = constants.linkSchemes;
/** A link to another entry: this prefix, then the entry's id. */
export const ENTRY_LINK_PREFIX = constants.entryLinkPrefix;
