#include "kb/stored.hpp"

#include <stdexcept>

namespace kb {

namespace {

// One tag per field; lists repeat theirs. Never reuse a tag for another field:
// bump the index format instead.
enum Tag : char {
  kId = 'i',
  kType = 'y',
  kTitle = 't',
  kAudience = 'a',
  kCategory = 'c',
  kChannel = 'h',
  kSituation = 's',
  kText = 'x',
  kHtml = 'm',
  kTagItem = 'g',
  kQuestion = 'q',
  kRelated = 'r',
};

void put(std::string& out, char tag, const std::string& value) {
  if (value.empty()) return;
  out += tag;
  for (std::size_t n = value.size();; n >>= 7) {
    if (n < 0x80) {
      out += static_cast<char>(n);
      break;
    }
    out += static_cast<char>((n & 0x7f) | 0x80);
  }
  out += value;
}

}  // namespace

std::string encode_stored(const StoredEntry& e) {
  std::string out;
  put(out, kId, e.id);
  put(out, kType, e.type);
  put(out, kTitle, e.title);
  put(out, kAudience, e.audience);
  put(out, kCategory, e.category);
  put(out, kChannel, e.channel);
  put(out, kSituation, e.situation);
  for (const auto& v : e.tags) put(out, kTagItem, v);
  for (const auto& v : e.questions) put(out, kQuestion, v);
  for (const auto& v : e.related) put(out, kRelated, v);
  put(out, kText, e.text);
  put(out, kHtml, e.html);
  return out;
}

StoredEntry decode_stored(std::string_view data) {
  StoredEntry e;
  std::size_t p = 0;
  while (p < data.size()) {
    char tag = data[p++];
    std::size_t n = 0;
    for (int shift = 0;; shift += 7) {
      if (p >= data.size() || shift > 28) throw std::runtime_error("damaged entry data: bad length");
      auto byte = static_cast<unsigned char>(data[p++]);
      n |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    if (n > data.size() - p) throw std::runtime_error("damaged entry data: field runs past the end");
    std::string value(data.substr(p, n));
    p += n;
    switch (tag) {
      case kId: e.id = std::move(value); break;
      case kType: e.type = std::move(value); break;
      case kTitle: e.title = std::move(value); break;
      case kAudience: e.audience = std::move(value); break;
      case kCategory: e.category = std::move(value); break;
      case kChannel: e.channel = std::move(value); break;
      case kSituation: e.situation = std::move(value); break;
      case kText: e.text = std::move(value); break;
      case kHtml: e.html = std::move(value); break;
      case kTagItem: e.tags.push_back(std::move(value)); break;
      case kQuestion: e.questions.push_back(std::move(value)); break;
      case kRelated: e.related.push_back(std::move(value)); break;
      default: throw std::runtime_error("damaged entry data: unknown field");
    }
  }
  return e;
}

}  // namespace kb
