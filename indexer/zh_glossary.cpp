#include "zh_glossary.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace cli {

namespace detail {
extern const std::string_view kZhGlossaryText;  // generated: lines "word<TAB>english words"
}

namespace {

using Line = std::pair<std::string_view, std::string_view>;  // word, its English words

// Each word's line, in the file's order (sorted by word), indexed on first call
// (about 86,000: a few milliseconds); a word's vector of glosses is made when
// it is first asked for.
std::vector<Line> index_lines() {
  std::vector<Line> out;
  out.reserve(100000);
  std::string_view text = detail::kZhGlossaryText;
  while (!text.empty()) {
    auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    auto tab = line.find('\t');
    if (tab != std::string_view::npos) out.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return out;
}

std::vector<std::string> split_words(std::string_view rest) {
  std::vector<std::string> words;
  while (!rest.empty()) {
    auto sp = rest.find(' ');
    if (sp != 0) words.emplace_back(rest.substr(0, sp));
    rest.remove_prefix(sp == std::string_view::npos ? rest.size() : sp + 1);
  }
  return words;
}

}  // namespace

const std::vector<std::string>& english_glosses(std::string_view simplified_word) {
  static const auto lines = index_lines();
  static const std::vector<std::string> none;
  static std::mutex mutex;
  static std::unordered_map<std::string_view, std::vector<std::string>> made;  // nodes: references stay valid
  auto line = std::lower_bound(lines.begin(), lines.end(), simplified_word,
                               [](const Line& l, std::string_view w) { return l.first < w; });
  if (line == lines.end() || line->first != simplified_word) return none;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = made.find(line->first);
  if (it == made.end()) it = made.emplace(line->first, split_words(line->second)).first;
  return it->second;
}

}  // namespace cli
