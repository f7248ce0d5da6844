#include "vocabulary.hpp"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <set>

#include "kb/text.hpp"
#include "zh_dictionary.hpp"
#include "zh_glossary.hpp"

namespace cli {

namespace {

/// Words that say little on their own, by jieba's part of speech: pronouns,
/// prepositions, conjunctions and particles; adverbs and numerals only when
/// frequent, as jieba also tags some nouns so (进度 is an "adverb").
bool function_word(const DictWord& w) {
  if (w.pos.empty()) return false;
  switch (w.pos[0]) {
    case 'r': case 'p': case 'c': case 'u': case 'y': case 'e': case 'o':
      return true;
    case 'd': case 'm':
      return w.freq >= 5000;
    default:
      return false;
  }
}

/// The dictionary's entry for `word`, or null. zh_dictionary() is sorted by
/// its UTF-8 bytes: a binary search, with no second copy of 337,000 words.
const DictWord* lookup(std::string_view word) {
  const auto& dict = zh_dictionary();
  auto it = std::lower_bound(dict.begin(), dict.end(), word,
                             [](const DictWord& w, std::string_view x) { return w.word < x; });
  return it != dict.end() && it->word == word ? &*it : nullptr;
}

/// Each field's text as the analysis sees it: folded, synonyms applied.
std::vector<std::u32string> texts_of(const kb::Entry& e, const kb::Synonyms& synonyms) {
  std::vector<std::u32string> out;
  for (auto t : e.texts()) {
    std::u32string cps = kb::utf8_decode(t);
    for (auto& c : cps) c = kb::fold_char(c);
    out.push_back(synonyms.apply(cps));
  }
  return out;
}

template <typename F>
void for_each_cjk_run(const std::u32string& text, F&& f) {
  for (std::size_t i = 0; i < text.size();) {
    if (!kb::is_cjk(text[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && kb::is_cjk(text[end])) ++end;
    f(std::u32string_view(text).substr(i, end - i));
    i = end;
  }
}

}  // namespace

kb::Lexicon vocabulary(const std::vector<const kb::Entry*>& entries, const kb::Synonyms& synonyms) {
  constexpr std::size_t kLongestWord = 8;
  kb::Lexicon lex;
  std::vector<std::vector<std::u32string>> texts;
  for (const kb::Entry* e : entries) texts.push_back(texts_of(*e, synonyms));
  // Every dictionary word the entries hold; segmentation picks among them.
  std::set<std::u32string> used;
  for (const auto& fields : texts)
    for (const auto& text : fields)
      for_each_cjk_run(text, [&](std::u32string_view run) {
        for (std::size_t i = 0; i < run.size(); ++i)
          for (std::size_t l = 2; l <= kLongestWord && i + l <= run.size(); ++l) {
            std::u32string w(run.substr(i, l));
            if (used.count(w)) continue;
            const DictWord* found = lookup(kb::utf8_encode(w));
            if (!found) continue;
            used.insert(w);
            lex.add_word(w, found->freq, function_word(*found));
          }
      });
  // Terms the entries coin (product names, 工单): two characters the
  // dictionary does not join, side by side in two entries or more.
  std::map<std::u32string, std::set<std::size_t>> coined;
  for (std::size_t e = 0; e < texts.size(); ++e)
    for (const auto& text : texts[e])
      for_each_cjk_run(text, [&](std::u32string_view run) {
        auto spans = lex.segment(run);
        for (std::size_t s = 0; s + 1 < spans.size(); ++s)
          if (!spans[s].known && !spans[s + 1].known) coined[std::u32string(run.substr(spans[s].begin, 2))].insert(e);
      });
  for (const auto& [w, in] : coined)
    if (in.size() >= 2 && !kb::is_filler_char(w[0]) && !kb::is_filler_char(w[1]) && !lex.find(w)) lex.add_word(w, 0, false);
  // English words for the Chinese ones, so an English question reaches a Chinese entry.
  thread_local const Xapian::Stem stemmer("english");
  for (const auto& w : used) {
    const kb::LexiconWord* info = lex.find(w);
    if (!info || info->function_word) continue;
    for (const auto& gloss : english_glosses(kb::utf8_encode(w))) {
      for (const kb::Word& word : kb::latin_words(kb::utf8_decode(gloss))) {
        std::string stem = stemmer(word.text);
        if (word.text.size() < 2 || kb::is_english_filler(word.text) || kb::is_english_filler(stem)) continue;
        lex.add_gloss(stem, w);
      }
    }
  }
  return lex;
}

}  // namespace cli
