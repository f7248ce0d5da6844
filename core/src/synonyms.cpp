#include "kb/synonyms.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "kb/text.hpp"

namespace kb {

namespace {

bool is_latin(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

Synonyms Synonyms::parse(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues) {
  Synonyms s;
  s.source_ = std::string(text);
  std::map<std::u32string, unsigned> seen;  // word -> line of its group
  std::istringstream in{std::string(text)};
  std::string line;
  unsigned ln = 0;
  while (std::getline(in, line)) {
    ++ln;
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::vector<std::u32string> group;
    for (std::string w; words >> w;) group.push_back(utf8_decode(normalize_text(w)));
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
  std::stable_sort(s.rules_.begin(), s.rules_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return s;
}

std::u32string Synonyms::apply(std::u32string_view text) const {
  if (rules_.empty()) return std::u32string(text);
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const std::pair<std::u32string, std::u32string>* hit = nullptr;
    for (const auto& rule : rules_) {
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
