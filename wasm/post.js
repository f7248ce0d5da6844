// Appended to kb-core.js by the linker (--post-js): the engine's functions
// under the names web/src/engine/api.js calls, each taking and returning text
// as the C functions in binding.cpp do. Search options arrive as JSON and are
// checked here, so that the engine needs no JSON parser. (Written for the
// linker's JavaScript parser, which predates destructuring and `??`.)
/* global Module, ccall */
(function () {
  const call = (name, types, args) => ccall(name, 'string', types, args);
  const failure = (message) => JSON.stringify({ ok: false, error: message });
  const LIMITS = { limit: 500, offset: 1000000 };
  const TEXTS = ['type', 'category', 'channel'];
  const FLAGS = ['facets', 'all'];

  /** The search options object, checked; throws with the message the caller shows. */
  function searchOptions(json) {
    const o = json ? JSON.parse(json) : {};
    if (o === null) return {};
    if (typeof o !== 'object' || Array.isArray(o)) throw new Error('search options must be a JSON object');
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (key in LIMITS) {
        if (!Number.isInteger(v) || v < 0 || v > LIMITS[key]) {
          throw new Error(`search option "${key}" must be a whole number up to ${LIMITS[key]}`);
        }
      } else if (TEXTS.includes(key)) {
        if (typeof v !== 'string') throw new Error(`search option "${key}" must be a string`);
      } else if (FLAGS.includes(key)) {
        if (typeof v !== 'boolean') throw new Error(`search option "${key}" must be true or false`);
      } else {
        throw new Error(`unknown search option "${key}"`);
      }
    }
    return o;
  }

  Module['openIndex'] = (path) => call('kb_open_index', ['string'], [path]);
  Module['ask'] = (question, contextJson) => {
    let context = {};
    try {
      context = contextJson ? JSON.parse(contextJson) || {} : {};
    } catch (err) {
      return failure(`the context is not JSON: ${err.message}`);
    }
    return call('kb_ask', ['string', 'string', 'number'],
      [String(question), typeof context.previous === 'string' ? context.previous : '', context.unhelpful ? 1 : 0]);
  };
  Module['search'] = (query, optionsJson) => {
    let o;
    try {
      o = searchOptions(optionsJson);
    } catch (err) {
      return failure(err.message);
    }
    return call('kb_search', ['string', 'string', 'string', 'string', 'number', 'number', 'number', 'number'],
      [String(query), o.type || '', o.category || '', o.channel || '', 'limit' in o ? o.limit : 20, 'offset' in o ? o.offset : 0,
        o.facets ? 1 : 0, o.all ? 1 : 0]);
  };
  Module['get'] = (id) => call('kb_get', ['string'], [String(id)]);
  Module['memory'] = () => call('kb_memory', [], []);
})();
