// The engine's only door into JavaScript. Every call returns JSON text of the
// form {"ok": true, "result": ...} or {"ok": false, "error": "..."}: no C++
// exception ever crosses into JS.
#include <emscripten/bind.h>
#include <fcntl.h>
#include <malloc.h>
#include <unistd.h>

#include <optional>

#include "kb/engine.hpp"
#include "kb/schema.hpp"

namespace {

std::optional<kb::Engine> g_engine;

template <typename F>
std::string guarded(F&& f) {
  try {
    return nlohmann::json{{"ok", true}, {"result", f()}}.dump();
  } catch (const Xapian::Error& e) {
    return nlohmann::json{{"ok", false}, {"error", "index error: " + e.get_description()}}.dump();
  } catch (const std::exception& e) {
    return nlohmann::json{{"ok", false}, {"error", e.what()}}.dump();
  } catch (...) {
    return nlohmann::json{{"ok", false}, {"error", "unknown engine failure"}}.dump();
  }
}

const kb::Engine& engine() {
  if (!g_engine) throw std::runtime_error("no index is open; call openIndex first");
  return *g_engine;
}

/// Opens the single-file database at `path` (in the module's in-memory FS) by
/// fd. It replaces the open index only once the new one has opened, so a
/// damaged update leaves the engine answering from the old one.
std::string open_index(const std::string& path) {
  return guarded([&] {
    int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw std::runtime_error("cannot open " + path);
    std::optional<kb::Engine> opened;
    try {
      opened.emplace(kb::Engine::open_fd(fd));
    } catch (...) {
      ::close(fd);
      throw;
    }
    g_engine = std::move(opened);
    return nlohmann::json{{"entries", g_engine->size()}, {"format", kb::schema::kFormatVersion}};
  });
}

/// `context_json`: {"previous": "...", "unhelpful": true} or empty.
std::string ask(const std::string& question, const std::string& context_json) {
  return guarded([&] {
    kb::AskContext context;
    if (!context_json.empty()) {
      auto c = nlohmann::json::parse(context_json);
      context.previous_question = c.value("previous", "");
      context.previous_unhelpful = c.value("unhelpful", false);
    }
    return kb::to_json(engine().ask(question, context));
  });
}

std::string search(const std::string& query, const std::string& options_json) {
  return guarded([&] {
    auto o = kb::SearchOptions::from_json(nlohmann::json::parse(options_json.empty() ? "{}" : options_json));
    return engine().search(query, o);
  });
}

std::string get(const std::string& id) {
  return guarded([&] {
    auto e = engine().get(id);
    return e ? *e : nlohmann::json(nullptr);
  });
}

/// The C++ heap: bytes in use by live allocations, and the heap's size. Tests
/// use it to show that many questions do not grow memory without bound.
std::string memory() {
  return guarded([] {
    struct mallinfo info = mallinfo();
    return nlohmann::json{{"allocated", info.uordblks}, {"heap", reinterpret_cast<std::uintptr_t>(sbrk(0))}};
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(kb_engine) {
  emscripten::function("openIndex", &open_index);
  emscripten::function("ask", &ask);
  emscripten::function("search", &search);
  emscripten::function("get", &get);
  emscripten::function("memory", &memory);
}
