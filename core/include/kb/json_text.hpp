#pragma once
// The engine's results as JSON text, written without a JSON library: the
// browser's engine ships this writer instead of one (docs/PERFORMANCE.md).
// The WASM binding and the CLI's --json print the same text.
#include <string>
#include <string_view>
#include <vector>

#include "kb/engine.hpp"

namespace kb {

/// Writes one JSON value, token by token; commas come by themselves. Strings
/// are escaped as JSON requires, and bytes that are not UTF-8 become U+FFFD,
/// so the output always parses.
class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
  JsonWriter& value(double v);  // up to 15 significant digits; null if not finite
  JsonWriter& value(std::size_t v);
  JsonWriter& value(bool v);
  JsonWriter& null();
  /// key(k), then value(v).
  template <typename T>
  JsonWriter& field(std::string_view k, const T& v) {
    return key(k).value(v);
  }
  JsonWriter& strings(const std::vector<std::string>& list);
  const std::string& str() const { return out_; }

 private:
  JsonWriter& open(char c);
  JsonWriter& close(char c);
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written in it yet
  bool after_key_ = false;
};

void write_json(JsonWriter& w, const StoredEntry& e);
void write_json(JsonWriter& w, const std::vector<Segment>& segments);

/// {"id", "type", "title", "audience", "category", "tags", "text"?, "questions"?,
///  "related"?, "channel"?, "situation"?, "html"?}: fields that are empty are left out.
std::string to_json(const StoredEntry& e);
/// {"decision", "confidence", "reason", "answer": entry | {"type": "small-talk",
///  "key"} | null, "suggestions": [{id, title, type, confidence}], "candidates":
///  [{id, confidence}], "offer_human"?: true}, with "explanation" when `explain`.
std::string to_json(const AnswerResult& r, bool explain = false);
/// {"total", "hits": [{id, title, type, category, channel?, snippet, score,
///  marks: {title: [segments], snippet: [segments]}}], "facets"?: {type|category|channel:
///  {value: count}}, "did_you_mean"?}.
std::string to_json(const SearchResult& r);

}  // namespace kb
