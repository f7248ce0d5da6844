#include "kb/text.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

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

constexpr std::array<std::string_view, 24> kEnglishFiller = {
    "a",   "an",  "the",  "do",  "doe", "you", "your", "i",  "is", "are", "to", "of",
    "for", "how", "what", "can", "my",  "me",  "it",   "in", "on", "we",  "be", "if"};

bool is_english_filler(std::string_view w) {
  return std::find(kEnglishFiller.begin(), kEnglishFiller.end(), w) != kEnglishFiller.end();
}

bool is_filler_char(char32_t cp) { return kFillerChars.find(cp) != std::u32string_view::npos; }

bool is_filler_pair(std::u32string_view pair) {
  return std::find(kFillerPairs.begin(), kFillerPairs.end(), pair) != kFillerPairs.end() ||
         (is_filler_char(pair[0]) && is_filler_char(pair[1]));
}

}  // namespace

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

std::vector<Token> analyze(std::string_view text, unsigned first_position, const Synonyms* synonyms) {
  // One per thread: a Snowball stemmer keeps state while it works (the indexer
  // builds audiences in parallel).
  thread_local const Xapian::Stem stemmer("english");
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
      for (size_t k = i; k < end; ++k, ++pos) {
        tokens.push_back(
            {utf8_encode(cps.substr(k, 1)), pos, TokenKind::CjkUnigram, is_filler_char(cps[k]) ? 0.05 : 0.3});
        if (k + 1 < end) {
          std::u32string_view pair(cps.data() + k, 2);
          tokens.push_back({utf8_encode(pair), pos, TokenKind::CjkBigram, is_filler_pair(pair) ? 0.1 : 1.0});
        }
      }
      i = end;
    } else if (is_word_char(cp)) {
      size_t end = i;
      while (end < cps.size() && is_word_char(cps[end])) ++end;
      // A run longer than any real word (a pasted hash or URL) is indexed by
      // its start: Xapian refuses terms over 245 bytes, and nobody searches the rest.
      std::string word = utf8_encode(cps.substr(i, std::min(end - i, kMaxWordChars)));
      std::string stem = stemmer(word);
      double weight = is_english_filler(stem) ? 0.1 : 1.0;
      tokens.push_back({std::move(stem), pos++, TokenKind::Word, weight});
      i = end;
    } else {
      ++i;
    }
  }
  return tokens;
}

}  // namespace kb
