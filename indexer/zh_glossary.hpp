#pragma once
// English glosses of Chinese words from CC-CEDICT (CC BY-SA 4.0), so English
// questions can reach Chinese entries. Compiled into the native indexer from
// the committed data/zh_glossary.tsv (scripts/gen-zh-glossary.sh).

#include <string>
#include <string_view>
#include <vector>

namespace cli {

/// English words of a simplified Chinese word's first senses in CC-CEDICT, lower-case,
/// without parenthesised notes, classifiers (CL:), "to", "a", "the", "of" and similar
/// function words, and without duplicates: 投诉 -> {"complain", "complaint", "sue", ...}.
/// Empty when the word is not in the dictionary.
/// At most 3 senses and 8 words; words of two characters, and longer ones in jieba's
/// dictionary (see cli::zh_dictionary()). Built on first call.
const std::vector<std::string>& english_glosses(std::string_view simplified_word);

}  // namespace cli
