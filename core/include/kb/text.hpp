#pragma once
// Text normalisation and analysis shared by index time and query time.
#include <string>
#include <string_view>
#include <vector>

namespace kb {

class Synonyms;

/// Folds full-width forms to half-width, ideographic space to space, ASCII
/// letters to lower case and traditional characters to simplified (OpenCC's
/// tables), so "ＡＢＣ１２" and "abc12", 申請 and 申请 index alike.
std::string normalize_text(std::string_view text);

class Lexicon;

/// CjkWord: a word of the lexicon (two or more characters); CjkBigram: two
/// adjacent characters outside any known word (a name or term the lexicon
/// lacks); Word: a stemmed Latin word.
enum class TokenKind { CjkUnigram, CjkBigram, CjkWord, Word };

/// One index or query term produced by `analyze`.
struct Token {
  std::string term;
  unsigned position;  // for phrase matching; a bigram shares its first char's position
  TokenKind kind;
  double weight;  // how much the term says about the text (filler is low)
  /// Terms that may be what was meant, for questions (analyze's `alternatives`):
  /// the knowledge base's words typed with the same pinyin (收后 -> 售后), or the
  /// Chinese words an English word translates to.
  std::vector<std::string> alternatives = {};
};

/// Normalises `text`, rewrites synonyms to their canonical word, segments
/// CJK runs into words (`lexicon`, or general words only), and emits each
/// word, each character, bigrams only inside runs of unknown characters (never
/// across two words), and Latin words (stemmed). Positions start at
/// `first_position`, one per CJK character or Latin word. With `alternatives`
/// (a question, not content), tokens carry what the visitor may have meant.
std::vector<Token> analyze(std::string_view text, unsigned first_position = 1,
                           const Synonyms* synonyms = nullptr, const Lexicon* lexicon = nullptr,
                           bool alternatives = false);

/// True for CJK particles, pronouns and politeness (的, 吗, 我, 请…).
bool is_filler_char(char32_t cp);

/// True for English words that carry no topic (the, how, can, please…), after stemming.
bool is_english_filler(std::string_view stem);

/// The letters, digits and CJK characters of `text`, normalised: two
/// phrasings with the same key are the same question.
std::string question_key(std::string_view text);

/// True when `text` holds a character that folds from traditional to simplified.
bool has_traditional(std::string_view text);

/// Decodes UTF-8 into code points. Each byte that does not start a valid
/// sequence (stray, truncated, overlong, a surrogate) becomes one U+FFFD.
std::u32string utf8_decode(std::string_view s);
std::string utf8_encode(std::u32string_view s);
void utf8_append(std::string& out, char32_t cp);
/// The byte offset of the first byte of `s` that does not start a valid
/// UTF-8 sequence, or npos when `s` is valid UTF-8.
std::size_t utf8_invalid_at(std::string_view s);

/// At most `max_chars` characters of `s` as utf8_decode counts them, cut
/// between characters.
std::string_view utf8_prefix(std::string_view s, std::size_t max_chars);

bool is_cjk(char32_t cp);

/// FNV-1a, 64 bits, as 16 hex digits: content hashes for manifests and incremental builds.
std::string fnv1a64(std::string_view data);

/// The one-character fold `normalize_text` applies (width, case, traditional
/// to simplified). It maps one code point to one, so offsets in folded text
/// are offsets in the original.
char32_t fold_char(char32_t cp);

/// ASCII letters and digits after folding: what Latin words are made of.
bool is_word_char(char32_t cp);

/// Latin words longer than this are indexed and searched by their first
/// kMaxWordChars characters (ASCII after folding, so bytes too): Xapian
/// refuses terms over 245 bytes, and a longer run is a pasted hash or URL.
inline constexpr std::size_t kMaxWordChars = 64;

/// A Latin word of a text, as code-point offsets into it, folded to lower case.
struct Word {
  size_t begin, end;
  std::string text;
};
std::vector<Word> latin_words(std::u32string_view text);

}  // namespace kb
