#pragma once
// The words the analysis knows: general Chinese question words and filler
// (compiled in), plus the knowledge base's own vocabulary and English glossary,
// chosen by the indexer from its dictionaries and stored in the index. The
// browser gets only what the knowledge base needs.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kb {

struct LexiconWord {
  std::uint32_t freq = 0;      // in a general corpus (jieba's); 0 when unknown there
  bool function_word = false;  // pronoun, adverb, particle, preposition…: says little on its own
  bool own = false;            // in the knowledge base's vocabulary (typo correction targets)
};

/// A segment of a CJK run: [begin, begin + length) in its characters.
struct WordSpan {
  std::size_t begin, length;
  bool known;  // a lexicon word (single characters never are)
};

class Lexicon {
 public:
  /// General words only.
  Lexicon();
  /// General words plus a knowledge base's, as stored by serialize().
  static Lexicon parse(std::string_view stored);
  /// The shared general-words lexicon (for callers without an index).
  static const Lexicon& general();

  /// Adds a word of the knowledge base (normalised, CJK only, 2+ characters).
  void add_word(std::u32string_view word, std::uint32_t freq, bool function_word);
  /// Adds an English stem that means `word` (a Chinese word of the knowledge base).
  void add_gloss(const std::string& stem, std::u32string_view word);
  /// The knowledge base's words and glossary, one per line, for the index metadata.
  std::string serialize() const;

  const LexiconWord* find(std::u32string_view word) const;
  /// Splits a run of CJK characters into its most probable words (dynamic
  /// programming over corpus frequencies, as jieba does).
  std::vector<WordSpan> segment(std::u32string_view run) const;
  /// Words of the knowledge base that are typed with the same toneless pinyin
  /// as `chars` (收后 -> 售后), zh/z, ch/c, sh/s, n/l and -ng/-n not told
  /// apart (资询 -> 咨询): what a pinyin IME may have meant.
  std::vector<std::u32string> homophones(std::u32string_view chars) const;
  /// Chinese words of the knowledge base an English stem translates to.
  std::vector<std::u32string> glosses(const std::string& stem) const;
  /// How much a word says, 0.1 .. 1: filler and very common words little.
  double meaning(std::u32string_view word) const;

  /// The knowledge base's own words that occur in `folded` text, one per
  /// line in a fixed order: the part of the lexicon that text's analysis uses.
  std::string own_words_in(std::u32string_view folded) const;

  std::size_t own_word_count() const { return own_count_; }
  std::size_t gloss_count() const { return glossary_.size(); }

 private:
  void index_sounds(const std::u32string& word);
  std::unordered_map<std::u32string, LexiconWord> words_;
  std::size_t max_chars_ = 1;
  std::size_t own_count_ = 0;
  std::unordered_map<std::string, std::vector<std::u32string>> sounds_;  // pinyin key -> own words
  std::map<std::string, std::vector<std::u32string>> glossary_;          // sorted: serialize() is stable
};

}  // namespace kb
