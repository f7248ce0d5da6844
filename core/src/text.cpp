#include "kb/text.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "kb/lexicon.hpp"
#include "kb/synonyms.hpp"

namespace kb {

namespace {

/// The code point that starts at s[i], and its length in bytes. A byte that
/// does not start a valid sequence (a stray continuation, a truncated or
/// overlong sequence, a surrogate, beyond U+10FFFF) is U+FFFD, one byte long.
std::pair<char32_t, std::size_t> decode_one(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {c, 1};
  std::size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = c & (0xFF >> (len + 1));
  for (std::size_t k = 1; k < len; ++k) {
    auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (cc & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
  return {cp, len};
}

}  // namespace

std::size_t utf8_invalid_at(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto [cp, len] = decode_one(s, i);
    if (cp == 0xFFFD && len == 1) return i;  // a real U+FFFD is three bytes long
    i += len;
  }
  return std::string_view::npos;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_chars) {
  std::size_t i = 0;
  for (std::size_t chars = 0; i < s.size() && chars < max_chars; ++chars) i += decode_one(s, i).second;
  return s.substr(0, i);
}

std::u32string utf8_decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    auto [cp, len] = decode_one(s, i);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string utf8_encode(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t cp : s) utf8_append(out, cp);
  return out;
}

bool is_cjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FFFF);
}

namespace {

struct CharPair {
  char32_t from, to;
};

constexpr CharPair kTraditionalToSimplified[] = {
#include "t2s_table.inc"
};

char32_t to_simplified(char32_t cp) {
  auto it = std::lower_bound(std::begin(kTraditionalToSimplified), std::end(kTraditionalToSimplified), cp,
                             [](const CharPair& p, char32_t c) { return p.from < c; });
  return it != std::end(kTraditionalToSimplified) && it->from == cp ? it->to : cp;
}

}  // namespace

char32_t fold_char(char32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII block
  if (cp == 0x3000) cp = ' ';
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  if (cp >= 0x3400) cp = to_simplified(cp);
  return cp;
}

std::string fnv1a64(std::string_view data) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : data) h = (h ^ c) * 1099511628211ULL;
  static const char* digits = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = digits[h & 0xF];
  return out;
}

bool is_word_char(char32_t cp) { return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'); }

std::vector<Word> latin_words(std::u32string_view text) {
  std::vector<Word> words;
  for (size_t i = 0; i < text.size();) {
    if (!is_word_char(fold_char(text[i]))) {
      ++i;
      continue;
    }
    size_t end = i;
    std::u32string folded;
    while (end < text.size() && is_word_char(fold_char(text[end]))) folded.push_back(fold_char(text[end++]));
    words.push_back({i, end, utf8_encode(folded)});
    i = end;
  }
  return words;
}

namespace {

// Characters and pairs that carry little meaning in a question: particles,
// pronouns and politeness. They still match, but never dominate a score.
constexpr std::u32string_view kFillerChars =
    U"的了吗呢吧啊呀么嘛哦哈我你您他她它们是在有个这那就也都和与及请问想要能会可以";
constexpr std::array<std::u32string_view, 16> kFillerPairs = {
    U"请问", U"一下", U"怎么", U"什么", U"我想", U"我要", U"你们", U"我们",
    U"可以", U"是不", U"不是", U"有没", U"没有", U"如何", U"为什", U"么办"};

// Snowball's English stop words, plus the words visitors wrap a question in.
constexpr std::string_view kEnglishFiller[] = {
    "a", "about", "above", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
    "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not",
    "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
    "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs",
    "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
    // asking, not the topic
    "please", "hi", "hello", "thanks", "thank", "may", "might", "must", "shall", "want", "wanted",
    "need", "like", "know", "tell", "let", "im", "ive", "id", "dont", "cant", "wont", "didnt", "isnt",
    "doesnt", "yes", "ok", "okay", "still", "also", "already", "get", "got", "way"};

}  // namespace

bool is_filler_char(char32_t cp) { return kFillerChars.find(cp) != std::u32string_view::npos; }

namespace {

/// A pair of unknown characters that is no word: a question word, or one with
/// a particle or pronoun in it (货吗, 能开).
bool is_filler_pair(std::u32string_view pair) {
  return std::find(kFillerPairs.begin(), kFillerPairs.end(), pair) != kFillerPairs.end() ||
         is_filler_char(pair[0]) || is_filler_char(pair[1]);
}

}  // namespace

bool is_english_filler(std::string_view w) {
  static const std::vector<std::string> stems = [] {
    thread_local const Xapian::Stem stemmer("english");
    std::vector<std::string> out;
    for (auto word : kEnglishFiller) {
      out.emplace_back(word);
      out.push_back(stemmer(std::string(word)));
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  return std::binary_search(stems.begin(), stems.end(), w);
}

std::string normalize_text(std::string_view text) {
  std::u32string cps = utf8_decode(text);
  for (auto& cp : cps) cp = fold_char(cp);
  return utf8_encode(cps);
}

bool has_traditional(std::string_view text) {
  for (char32_t cp : utf8_decode(text))
    if (cp >= 0x3400 && to_simplified(cp) != cp) return true;
  return false;
}

std::string question_key(std::string_view text) {
  std::u32string key;
  for (char32_t cp : utf8_decode(text)) {
    cp = fold_char(cp);
    if (is_cjk(cp) || is_word_char(cp)) key.push_back(cp);
  }
  return utf8_encode(key);
}

namespace {

// Weights of CJK terms by what they are (the lexicon weighs words).
constexpr double kFillerCharWeight = 0.05;
constexpr double kCharInWordWeight = 0.1;  // the word says it; the character only helps partial matches
constexpr double kLoneCharWeight = 0.35;   // 内 in 保修期内: a word by itself
constexpr double kUnknownBigramWeight = 0.7;
constexpr double kFillerBigramWeight = 0.1;
constexpr double kSubwordShare = 0.8;  // 售后 inside 售后服务
constexpr double kHomophoneShare = 0.8;

void analyze_cjk_run(std::u32string_view run, unsigned pos, const Lexicon& lex, bool alternatives,
                     std::vector<Token>& tokens) {
  auto spans = lex.segment(run);
  auto emit_word = [&](std::u32string_view w, unsigned at, double share) {
    tokens.push_back({utf8_encode(w), at, TokenKind::CjkWord, share * lex.meaning(w)});
  };
  for (std::size_t s = 0; s < spans.size(); ++s) {
    const WordSpan& span = spans[s];
    const unsigned at = pos + static_cast<unsigned>(span.begin);
    if (span.known) {
      emit_word(run.substr(span.begin, span.length), at, 1.0);
      // Words inside a longer word, so 售后 finds 售后服务.
      for (std::size_t b = span.begin; b < span.begin + span.length; ++b)
        for (std::size_t l = 2; b + l <= span.begin + span.length; ++l) {
          if (l == span.length) continue;
          auto sub = run.substr(b, l);
          if (lex.find(sub)) emit_word(sub, pos + static_cast<unsigned>(b), kSubwordShare);
        }
    }
    for (std::size_t k = span.begin; k < span.begin + span.length; ++k) {
      double w = is_filler_char(run[k]) ? kFillerCharWeight : span.known ? kCharInWordWeight : kLoneCharWeight;
      tokens.push_back({utf8_encode(run.substr(k, 1)), pos + static_cast<unsigned>(k), TokenKind::CjkUnigram, w});
    }
    if (span.known) continue;
    // A run of characters the lexicon does not know: its bigrams stand for
    // the words it may hold, and pinyin finds the words a typo may mean.
    std::size_t end = s;
    while (end + 1 < spans.size() && !spans[end + 1].known) ++end;
    const std::size_t from = span.begin, to = spans[end].begin + 1;
    for (std::size_t k = from; k + 1 < to; ++k) {
      auto pair = run.substr(k, 2);
      Token t{utf8_encode(pair), pos + static_cast<unsigned>(k), TokenKind::CjkBigram,
              is_filler_pair(pair) ? kFillerBigramWeight : kUnknownBigramWeight};
      if (alternatives)
        for (const auto& h : lex.homophones(pair)) t.alternatives.push_back(utf8_encode(h));
      tokens.push_back(std::move(t));
      for (std::size_t l = 3; alternatives && l <= 4 && k + l <= to; ++l)
        for (const auto& h : lex.homophones(run.substr(k, l)))
          emit_word(h, pos + static_cast<unsigned>(k), kHomophoneShare);
    }
    for (std::size_t k = from + 1; k < to; ++k) {
      double w = is_filler_char(run[k]) ? kFillerCharWeight : kLoneCharWeight;
      tokens.push_back({utf8_encode(run.substr(k, 1)), pos + static_cast<unsigned>(k), TokenKind::CjkUnigram, w});
    }
    s = end;
  }
}

}  // namespace

std::vector<Token> analyze(std::string_view text, unsigned first_position, const Synonyms* synonyms,
                           const Lexicon* lexicon, bool alternatives) {
  // One per thread: a Snowball stemmer keeps state while it works (the indexer
  // builds audiences in parallel).
  thread_local const Xapian::Stem stemmer("english");
  const Lexicon& lex = lexicon ? *lexicon : Lexicon::general();
  std::u32string cps = utf8_decode(text);
  for (auto& cp : cps) cp = fold_char(cp);
  if (synonyms) cps = synonyms->apply(cps);

  std::vector<Token> tokens;
  unsigned pos = first_position;
  size_t i = 0;
  while (i < cps.size()) {
    char32_t cp = cps[i];
    if (is_cjk(cp)) {
      size_t end = i;
      while (end < cps.size() && is_cjk(cps[end])) ++end;
      analyze_cjk_run(std::u32string_view(cps).substr(i, end - i), pos, lex, alternatives, tokens);
      pos += static_cast<unsigned>(end - i);
      i = end;
    } else if (is_word_char(cp)) {
      size_t end = i;
      while (end < cps.size() && is_word_char(cps[end])) ++end;
      // A run longer than any real word (a pasted hash or URL) is indexed by
      // its start: Xapian refuses terms over 245 bytes, and nobody searches the rest.
      std::string word = utf8_encode(cps.substr(i, std::min(end - i, kMaxWordChars)));
      std::string stem = stemmer(word);
      double weight = is_english_filler(word) || is_english_filler(stem) ? 0.1 : 1.0;
      Token t{std::move(stem), pos++, TokenKind::Word, weight};
      if (alternatives)
        for (const auto& w : lex.glosses(t.term)) t.alternatives.push_back(utf8_encode(w));
      tokens.push_back(std::move(t));
      i = end;
    } else {
      ++i;
    }
  }
  // In text order: a word's inner words and characters come after it above,
  // and the index places the next field after the last token's position.
  std::stable_sort(tokens.begin(), tokens.end(), [](const Token& a, const Token& b) { return a.position < b.position; });
  return tokens;
}

}  // namespace kb
