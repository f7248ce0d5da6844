// The engine's only door into JavaScript: plain C functions that take UTF-8
// strings and numbers and return JSON text of the form {"ok": true, "result":
// ...} or {"ok": false, "error": "..."}. No C++ exception ever crosses into
// JS, and neither embind nor a JSON library is linked: wasm/post.js gives
// these functions the names and arguments web/src/engine/api.js calls.
#include <emscripten/emscripten.h>
#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "kb/constants.hpp"
#include "kb/engine.hpp"
#include "kb/json_text.hpp"

namespace {

std::optional<kb::Engine> g_engine;
std::string g_reply;  // the last reply; valid until the next call

std::string failure(std::string_view message) {
  return kb::JsonWriter().begin_object().field("ok", false).field("error", message).end_object().str();
}

template <typename F>
const char* guarded(F&& f) {
  try {
    g_reply = "{\"ok\":true,\"result\":" + f() + "}";
  } catch (const kb::IndexError& e) {
    g_reply = failure(std::string("index error: ") + e.what());
  } catch (const std::exception& e) {
    g_reply = failure(e.what());
  } catch (...) {
    g_reply = R"({"ok":false,"error":"unknown engine failure"})";
  }
  return g_reply.c_str();
}

const kb::Engine& engine() {
  if (!g_engine) throw std::runtime_error("no index is open; call openIndex first");
  return *g_engine;
}

}  // namespace

extern "C" {

/// Opens the single-file database at `path` (in the module's in-memory FS) by
/// fd. It replaces the open index only once the new one has opened, so a
/// damaged update leaves the engine answering from the old one.
EMSCRIPTEN_KEEPALIVE const char* kb_open_index(const char* path) {
  return guarded([&] {
    int fd = ::open(path, O_RDONLY);
    if (fd < 0) throw std::runtime_error(std::string("cannot open ") + path);
    std::optional<kb::Engine> opened;
    try {
      opened.emplace(kb::Engine::open_fd(fd));
    } catch (...) {
      ::close(fd);
      throw;
    }
    g_engine = std::move(opened);
    return kb::JsonWriter()
        .begin_object()
        .field("entries", static_cast<std::size_t>(g_engine->size()))
        .field("format", static_cast<std::size_t>(kb::constants::kIndexFormat))
        .end_object()
        .str();
  });
}

/// `previous`: the visitor's last question ("" if none); `unhelpful`: its answer did not help.
EMSCRIPTEN_KEEPALIVE const char* kb_ask(const char* question, const char* previous, int unhelpful) {
  return guarded([&] { return kb::to_json(engine().ask(question, {previous, unhelpful != 0})); });
}

EMSCRIPTEN_KEEPALIVE const char* kb_search(const char* query, const char* type, const char* category,
                                           const char* channel, unsigned limit, unsigned offset, int facets,
                                           int all) {
  return guarded([&] {
    kb::SearchOptions o;
    o.type = type;
    o.category = category;
    o.channel = channel;
    o.limit = limit;
    o.offset = offset;
    o.facets = facets != 0;
    o.all_if_empty = all != 0;
    return kb::to_json(engine().search(query, o));
  });
}

EMSCRIPTEN_KEEPALIVE const char* kb_get(const char* id) {
  return guarded([&] {
    auto e = engine().get(id);
    return e ? kb::to_json(*e) : std::string("null");
  });
}

/// The index format this engine reads (indexFormat in core/constants.json),
/// without opening an index: for checking a manifest before downloading.
EMSCRIPTEN_KEEPALIVE int kb_index_format() { return kb::constants::kIndexFormat; }

/// The C++ heap: bytes in use by live allocations, and the heap's size. Tests
/// use it to show that many questions do not grow memory without bound.
EMSCRIPTEN_KEEPALIVE const char* kb_memory() {
  return guarded([] {
    struct mallinfo info = mallinfo();
    return kb::JsonWriter()
        .begin_object()
        .field("allocated", static_cast<std::size_t>(info.uordblks))
        .field("heap", static_cast<std::size_t>(reinterpret_cast<std::uintptr_t>(sbrk(0))))
        .end_object()
        .str();
  });
}

}  // extern "C"
