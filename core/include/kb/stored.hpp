#pragma once
// An entry as stored in its document's data: what answers, `get` and search
// hits return. A compact, self-describing layout that the engine reads
// without a JSON library, so none is needed in the browser's engine.
#include <string>
#include <string_view>
#include <vector>

namespace kb {

struct StoredEntry {
  std::string id;
  std::string type;
  std::string title;
  std::string audience;
  std::string category;
  std::string channel;    // scripts only
  std::string situation;  // scripts only
  std::string text;       // the Markdown source; empty in the widget's index, which shows `html`
  std::string html;
  std::vector<std::string> tags;
  std::vector<std::string> questions;
  std::vector<std::string> related;
};

/// Each field as a tag byte, its length as a base-128 varint, then its bytes;
/// a list is its tag repeated. Empty strings are left out.
std::string encode_stored(const StoredEntry& e);
/// The reverse; throws std::runtime_error on a truncated or unknown field.
StoredEntry decode_stored(std::string_view data);

}  // namespace kb
