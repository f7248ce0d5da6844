#pragma once
// jieba's Chinese word dictionary, compiled into the native indexer for word
// segmentation. Generated at build time from Debian's python3-jieba
// (scripts/gen-zh-dictionary.sh); the browser gets the smaller
// kb::common_words() instead.

#include <cstdint>
#include <string_view>
#include <vector>

namespace cli {

struct DictWord {
  std::string_view word;
  std::uint32_t freq;
  std::string_view pos;
};

/// jieba's dictionary: words of 2 to 8 Chinese characters, with corpus frequency and part of speech.
/// Sorted by word (byte order), so std::lower_bound on `word` finds one; built on first call.
const std::vector<DictWord>& zh_dictionary();

}  // namespace cli
