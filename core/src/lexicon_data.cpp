#include "kb/lexicon_data.hpp"

#include <string>

namespace kb {

namespace {

// The words' characters back to back (all in the BMP, so UTF-16 is one unit a
// character), then one packed entry a word, in the same order.
#define KB_WORD(word, freq, function_word) word
constexpr char16_t kCommonText[] =
#include "zh_common_words.inc"
    ;
#undef KB_WORD

struct PackedWord {
  std::uint32_t freq : 20;
  std::uint32_t length : 4;
  std::uint32_t function_word : 1;
};

#define KB_WORD(word, freq, function_word) {freq, sizeof(word) / sizeof(char16_t) - 1, function_word},
constexpr PackedWord kCommonWords[] = {
#include "zh_common_words.inc"
};
#undef KB_WORD

}  // namespace

const std::vector<CommonWord>& common_words() {
  static const std::u32string text(std::begin(kCommonText), std::end(kCommonText) - 1);
  static const std::vector<CommonWord> words = [] {
    std::vector<CommonWord> out;
    out.reserve(std::size(kCommonWords));
    std::u32string_view rest = text;
    for (const PackedWord& w : kCommonWords) {
      out.push_back({rest.substr(0, w.length), w.freq, w.function_word != 0});
      rest.remove_prefix(w.length);
    }
    return out;
  }();
  return words;
}

}  // namespace kb
