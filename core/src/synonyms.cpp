#include "kb/synonyms.hpp"

#include <algorithm>
#include <map>

#include "kb/text.hpp"

namespace kb {

namespace {

bool is_latin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// Words separated by ASCII white space. Hand-written rather than with string
// streams, which would pull the whole of iostreams and locales into the .wasm.
std::vector<std::string_view> split_words(std::string_view line) {
  constexpr std::string_view space = " \t\r\v\f";
  std::vector<std::string_view> words;
  for (size_t i = line.find_first_not_of(space); i != std::string_view::npos;) {
    size_t end = std::min(line.find_first_of(space, i), line.size());
    words.push_back(line.substr(i, end - i));
    i = line.find_first_not_of(space, end);
  }
  return words;
}

}  // namespace

Synonyms Synonyms::parse(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues) {
  Synonyms s;
  if (!check_utf8(text, file, issues)) return s;
  std::map<std::u32string, unsigned> seen;  // word -> line of its group
  unsigned ln = 0;
  for (size_t start = 0; start < text.size();) {
    size_t newline = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, newline - start);
    start = newline + 1;
    ++ln;
    line = line.substr(0, line.find('#'));
    std::vector<std::u32string> group;
    for (auto w : split_words(line)) group.push_back(utf8_decode(normalize_text(w)));
    if (group.empty()) continue;
    if (group.size() == 1) {
      issues.push_back({file, ln, "a synonym group needs at least two words", 1,
                        "write the canonical word first, then its synonyms, on one line: 收费 要钱 付费"});
      continue;
    }
    for (const auto& w : group) {
      auto [it, fresh] = seen.emplace(w, ln);
      if (!fresh)
        issues.push_back(
            {file, ln,
             "'" + utf8_encode(w) + "' is already in the group on line " + std::to_string(it->second), 1,
             "a word may belong to one group only; merge the two lines or drop the word"});
    }
    for (size_t i = 1; i < group.size(); ++i) s.rules_.emplace_back(group[i], group[0]);
    s.groups_.push_back({ln, group});
  }
  // What the index stores: the groups alone. An editor's comments (a VIP line,
  // a colleague's name) never leave the content folder.
  for (const auto& g : s.groups_) {
    for (size_t i = 0; i < g.words.size(); ++i) s.source_ += (i ? " " : "") + utf8_encode(g.words[i]);
    s.source_ += "\n";
  }
  std::stable_sort(s.rules_.begin(), s.rules_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  for (size_t i = 0; i < s.rules_.size(); ++i) s.by_first_[s.rules_[i].first.front()].push_back(i);
  return s;
}

std::u32string Synonyms::apply(std::u32string_view text) const {
  if (rules_.empty()) return std::u32string(text);
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const std::pair<std::u32string, std::u32string>* hit = nullptr;
    auto candidates = by_first_.find(text[i]);
    if (candidates == by_first_.end()) {
      out.push_back(text[i++]);
      continue;
    }
    for (size_t r : candidates->second) {
      const auto& rule = rules_[r];
      const auto& v = rule.first;
      if (v.size() > text.size() - i || text.compare(i, v.size(), v) != 0) continue;
      bool latin = is_latin(v.front());
      if (latin &&
          ((i > 0 && is_latin(text[i - 1])) || (i + v.size() < text.size() && is_latin(text[i + v.size()]))))
        continue;
      hit = &rule;
      break;
    }
    if (hit) {
      bool latin = is_latin(hit->second.front());  // keep a Latin canonical word apart from its neighbours
      if (latin) out.push_back(' ');
      out += hit->second;
      if (latin) out.push_back(' ');
      i += hit->first.size();
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

}  // namespace kb
