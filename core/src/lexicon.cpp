#include "kb/lexicon.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "kb/lexicon_data.hpp"
#include "kb/pinyin.hpp"
#include "kb/text.hpp"

namespace kb {

namespace {

// Sum of the frequencies of jieba's dictionary, which the frequencies come from.
constexpr double kCorpusTotal = 60101967.0;
// A single character's share of the corpus when segmenting: low enough that a
// known word always beats its characters, so segmentation is longest-word-first
// where words overlap and most-frequent-first where they compete.
constexpr double kSingleCharLogP = -11.5;
constexpr std::size_t kLongestWord = 8;  // characters
// The knowledge base's own words are what matching needs, so where segmentations
// compete they win: 开|发票 rather than the general corpus's 开发|票.
constexpr double kOwnWordLogBonus = 5.0;

// A particle, pronoun or other filler character standing alone: frequent, so
// 全天|都 beats 全|天都.
constexpr double kFillerCharLogP = -7.0;

// The frame visitors put a question in, which the general dictionary calls
// verbs, adjectives or idioms: politeness, asking, modal verbs, question words.
constexpr std::u32string_view kQuestionFrame[] = {
    U"请问", U"一下", U"你好", U"您好", U"谢谢", U"麻烦", U"想问", U"问问", U"知道", U"告诉", U"帮忙",
    U"有人", U"是否", U"能否", U"应该", U"需要", U"可以", U"能够", U"怎么办", U"怎么样", U"看看", U"还有",
    U"现在", U"一般", U"具体", U"帮我", U"哪些", U"什么样", U"哪个", U"这个",
    U"那个", U"就是", U"还是", U"已经", U"然后", U"的话", U"一直", U"总是", U"到底", U"究竟", U"我想",
    U"我要", U"你们", U"我们", U"他们", U"咱们", U"大家", U"有什么", U"什么", U"怎么", U"如何",
    U"怎样", U"时候", U"情况", U"问题", U"东西", U"事情", U"一个", U"这样", U"那样"};

// Question words that say what kind of answer is wanted: a time, an amount, a
// place, a person, a reason. Lighter than content, heavier than the frame:
// 报修后多久 asks for the response time, not for how to report.
constexpr std::u32string_view kQuestionKind[] = {U"多久", U"多长", U"多少", U"多少钱", U"为什么", U"哪里",
                                                 U"哪儿", U"找谁", U"几点", U"什么时候", U"多长时间"};
// Held-out self-test, Chinese phrasings: 66.9 % -> 67.4 % answered and right
// at 0.25, best candidate 85.2 % -> 86.0 %; 0.4 and 0.6 answer no more and are
// wrong more often (2.8 % -> 3.2 %).
constexpr double kQuestionKindMeaning = 0.25;

/// 是不是, 有没有, 能不能, 可不可以: the A-not-A question form.
bool a_not_a(std::u32string_view w) {
  return (w.size() == 3 && w[0] == w[2] && (w[1] == U'不' || w[1] == U'没')) ||
         (w.size() == 4 && w[1] == U'不' && w[0] == w[2]);
}

/// A pinyin key with the distinctions that regional accents and hasty typing
/// blur folded away (zh/z, ch/c, sh/s, n/l, ing/in, eng/en, ang/an), so 资询
/// (zi xun) still finds 咨询 (zi xun) and 晨序 (chen xu) finds 程序 (cheng xu).
std::string fuzzy(const std::string& key) {
  std::string out;
  out.reserve(key.size());
  for (std::size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    bool syllable_start = i == 0 || key[i - 1] == ' ';
    if (syllable_start && c == 'l') c = 'n';
    if (syllable_start && (c == 'z' || c == 'c' || c == 's') && i + 1 < key.size() && key[i + 1] == 'h') {
      out += c;
      ++i;
      continue;
    }
    if (c == 'g' && i > 0 && key[i - 1] == 'n' && (i + 1 == key.size() || key[i + 1] == ' ')) continue;
    out += c;
  }
  return out;
}

}  // namespace

Lexicon::Lexicon() {
  for (const CommonWord& w : common_words()) {
    words_[std::u32string(w.word)] = {w.freq, w.function_word, false};
    max_chars_ = std::max(max_chars_, w.word.size());
  }
  for (auto w : kQuestionFrame) {
    auto& info = words_[std::u32string(w)];
    info.function_word = true;
    if (info.freq == 0) info.freq = 1000;
    max_chars_ = std::max(max_chars_, w.size());
  }
}

const Lexicon& Lexicon::general() {
  static const Lexicon lexicon;
  return lexicon;
}

void Lexicon::add_word(std::u32string_view word, std::uint32_t freq, bool function_word) {
  if (word.size() < 2 || word.size() > kLongestWord) return;
  function_word = function_word || a_not_a(word);
  auto [it, added] = words_.try_emplace(std::u32string(word), LexiconWord{freq, function_word, true});
  if (!added) {
    if (it->second.own) return;
    it->second.own = true;
  }
  ++own_count_;
  max_chars_ = std::max(max_chars_, word.size());
  if (!it->second.function_word) index_sounds(it->first);
}

void Lexicon::index_sounds(const std::u32string& word) {
  if (word.size() > 4) return;
  for (auto& key : pinyin_keys(word)) {
    auto& list = sounds_[fuzzy(key)];
    if (std::find(list.begin(), list.end(), word) == list.end()) list.push_back(word);
  }
}

void Lexicon::add_gloss(const std::string& stem, std::u32string_view word) {
  auto& list = glossary_[stem];
  if (std::find(list.begin(), list.end(), word) == list.end()) list.emplace_back(word);
}

std::string Lexicon::serialize() const {
  std::vector<std::pair<std::string, const LexiconWord*>> own;
  for (const auto& [w, info] : words_)
    if (info.own) own.emplace_back(utf8_encode(w), &info);
  std::sort(own.begin(), own.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out;
  for (const auto& [w, info] : own)
    out += "w\t" + w + "\t" + std::to_string(info->freq) + (info->function_word ? "\tf\n" : "\n");
  for (const auto& [stem, list] : glossary_)
    for (const auto& w : list) out += "g\t" + stem + "\t" + utf8_encode(w) + "\n";
  return out;
}

Lexicon Lexicon::parse(std::string_view stored) {
  Lexicon lex;
  while (!stored.empty()) {
    auto nl = stored.find('\n');
    std::string_view line = stored.substr(0, nl);
    stored = nl == std::string_view::npos ? std::string_view() : stored.substr(nl + 1);
    std::vector<std::string_view> f;
    for (std::size_t at = 0;;) {
      auto tab = line.find('\t', at);
      f.push_back(line.substr(at, tab == std::string_view::npos ? std::string_view::npos : tab - at));
      if (tab == std::string_view::npos) break;
      at = tab + 1;
    }
    if (f.size() >= 3 && f[0] == "w") {
      std::uint32_t freq = 0;
      for (char c : f[2])
        if (c >= '0' && c <= '9') freq = freq * 10 + static_cast<std::uint32_t>(c - '0');
      lex.add_word(utf8_decode(f[1]), freq, f.size() > 3 && f[3] == "f");
    } else if (f.size() == 3 && f[0] == "g") {
      lex.add_gloss(std::string(f[1]), utf8_decode(f[2]));
    }
  }
  return lex;
}

std::string Lexicon::own_words_in(std::u32string_view folded) const {
  std::vector<std::u32string> found;
  std::u32string key;
  for (std::size_t i = 0; i < folded.size(); ++i)
    for (std::size_t l = 2; l <= max_chars_ && i + l <= folded.size(); ++l) {
      key.assign(folded.substr(i, l));
      auto it = words_.find(key);
      if (it != words_.end() && it->second.own) found.push_back(key);
    }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  std::string out;
  for (const auto& w : found) out += utf8_encode(w) + "\n";
  return out;
}

const LexiconWord* Lexicon::find(std::u32string_view word) const {
  auto it = words_.find(std::u32string(word));
  return it == words_.end() ? nullptr : &it->second;
}

std::vector<WordSpan> Lexicon::segment(std::u32string_view run) const {
  const std::size_t n = run.size();
  // best[i]: the most probable segmentation of run[i..); from the end, like jieba.
  std::vector<double> best(n + 1, 0);
  std::vector<std::size_t> len(n + 1, 1);
  std::vector<bool> known(n + 1, false);
  std::u32string key;
  for (std::size_t i = n; i-- > 0;) {
    best[i] = (is_filler_char(run[i]) ? kFillerCharLogP : kSingleCharLogP) + best[i + 1];
    len[i] = 1;
    known[i] = false;
    for (std::size_t l = 2; l <= std::min(max_chars_, n - i); ++l) {
      key.assign(run.substr(i, l));
      auto it = words_.find(key);
      if (it == words_.end()) continue;
      double p = std::log(std::max<double>(it->second.freq, 1) / kCorpusTotal) +
                 (it->second.own ? kOwnWordLogBonus : 0) + best[i + l];
      if (p > best[i]) best[i] = p, len[i] = l, known[i] = true;
    }
  }
  std::vector<WordSpan> out;
  for (std::size_t i = 0; i < n; i += len[i]) out.push_back({i, len[i], known[i]});
  return out;
}

std::vector<std::u32string> Lexicon::homophones(std::u32string_view chars) const {
  std::vector<std::u32string> out;
  if (sounds_.empty()) return out;
  for (const auto& key : pinyin_keys(chars)) {
    auto it = sounds_.find(fuzzy(key));
    if (it == sounds_.end()) continue;
    for (const auto& w : it->second)
      if (w != chars && std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  }
  return out;
}

std::vector<std::u32string> Lexicon::glosses(const std::string& stem) const {
  auto it = glossary_.find(stem);
  if (it != glossary_.end()) return it->second;
  // The dictionary may gloss with another form of the word: complain ->
  // complaint, refund -> refunds. Longer stems only, so "car" finds no "card".
  std::vector<std::u32string> out;
  if (stem.size() < 5) return out;
  for (it = glossary_.lower_bound(stem); it != glossary_.end() && it->first.compare(0, stem.size(), stem) == 0 &&
                                         it->first.size() <= stem.size() + 2;
       ++it)
    for (const auto& w : it->second)
      if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(w);
  return out;
}

double Lexicon::meaning(std::u32string_view word) const {
  for (auto kind : kQuestionKind)
    if (word == kind) return kQuestionKindMeaning;
  const LexiconWord* w = find(word);
  if (!w) return 1.0;  // not a general word: a name, a product, a term of the trade
  if (w->function_word || a_not_a(word)) return 0.1;
  if (w->freq == 0) return 1.0;
  // Information in powers of ten: 的 2.3, 系统 3.5, 服务 3.7, 投诉 4.3, 售后 6.3.
  double info = std::log10(kCorpusTotal / w->freq);
  return std::clamp(0.2 + (info - 3.0) * 0.5, 0.2, 1.0);
}

}  // namespace kb
