#include "zh_dictionary.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace cli {

namespace detail {
extern const std::string_view kZhDictionaryText;  // generated: lines "word freq pos"
}

const std::vector<DictWord>& zh_dictionary() {
  static const std::vector<DictWord> words = [] {
    std::vector<DictWord> out;
    std::string_view text = detail::kZhDictionaryText;
    out.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    while (!text.empty()) {
      auto eol = text.find('\n');
      std::string_view line = text.substr(0, eol);
      text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
      auto sp1 = line.find(' '), sp2 = line.rfind(' ');
      DictWord w{line.substr(0, sp1), 0, line.substr(sp2 + 1)};
      auto freq = line.substr(sp1 + 1, sp2 - sp1 - 1);
      if (sp1 == sp2 || std::from_chars(freq.data(), freq.data() + freq.size(), w.freq).ec != std::errc())
        throw std::logic_error("zh_dictionary: malformed generated line");
      out.push_back(w);
    }
    return out;
  }();
  return words;
}

}  // namespace cli
