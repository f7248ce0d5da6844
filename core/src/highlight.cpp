#include "kb/highlight.hpp"

#include <xapian.h>

#include <algorithm>

namespace kb {

namespace {

const Xapian::Stem& english_stemmer() {
  thread_local const Xapian::Stem stemmer("english");  // stateful while stemming: one per thread
  return stemmer;
}

template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::vector<Segment> to_segments(std::u32string_view text, const std::vector<bool>& mark, size_t from,
                                 size_t to) {
  std::vector<Segment> out;
  for (size_t i = from; i < to;) {
    size_t end = i;
    while (end < to && mark[end] == mark[i]) ++end;
    out.push_back({utf8_encode(text.substr(i, end - i)), static_cast<bool>(mark[i])});
    i = end;
  }
  return out;
}

}  // namespace

Highlighter::Highlighter(std::string_view query) {
  for (const Token& t : analyze(query)) {
    bool cjk = t.kind == TokenKind::CjkBigram || t.kind == TokenKind::CjkWord;
    if (cjk && t.weight >= 0.3) pairs_.push_back(utf8_decode(t.term));  // not filler: 怎么, 请问
    if (t.kind == TokenKind::Word && t.weight >= 1) stems_.push_back(t.term);  // not the, how
  }
  // A CJK character standing alone in the query (费, 修) is a word by itself.
  std::u32string q = utf8_decode(query);
  for (size_t i = 0; i < q.size(); ++i) {
    char32_t c = fold_char(q[i]);
    bool alone = is_cjk(c) && (i == 0 || !is_cjk(fold_char(q[i - 1]))) &&
                 (i + 1 == q.size() || !is_cjk(fold_char(q[i + 1])));
    if (alone) singles_.push_back(c);
  }
}

std::vector<bool> Highlighter::marks(std::u32string_view text) const {
  std::vector<bool> mark(text.size(), false);
  std::u32string folded(text);
  for (auto& c : folded) c = fold_char(c);
  for (size_t i = 0; i < folded.size(); ++i) {
    if (!is_cjk(folded[i])) continue;
    if (contains(singles_, folded[i])) mark[i] = true;
    for (const auto& w : pairs_)
      if (folded.compare(i, w.size(), w) == 0) std::fill_n(mark.begin() + static_cast<long>(i), w.size(), true);
  }
  if (!stems_.empty()) {
    for (const Word& w : latin_words(text)) {
      if (contains(stems_, english_stemmer()(w.text)))
        std::fill(mark.begin() + static_cast<long>(w.begin), mark.begin() + static_cast<long>(w.end), true);
    }
  }
  return mark;
}

std::vector<Segment> Highlighter::segments(std::string_view text) const {
  std::u32string cps = utf8_decode(text);
  return to_segments(cps, marks(cps), 0, cps.size());
}

std::u32string plain_line(std::string_view markdown) {
  std::u32string out;
  std::u32string cps = utf8_decode(markdown);
  for (size_t from = 0; from <= cps.size();) {
    size_t to = cps.find(U'\n', from);
    if (to == std::u32string::npos) to = cps.size();
    std::u32string_view line(cps.data() + from, to - from);
    // Drop the markers at the start of a line: "> ", "- ", "* ", "# ", "1. ".
    size_t i = line.find_first_not_of(U' ');
    if (i == std::u32string_view::npos) i = line.size();
    size_t digits = i;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
    if (digits > i && digits < line.size() && (line[digits] == '.' || line[digits] == ')'))
      i = digits + 1;
    else if (i < line.size() && (line[i] == '>' || line[i] == '-' || line[i] == '*' || line[i] == '#'))
      ++i;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && !out.empty()) out.push_back(' ');
    for (; i < line.size(); ++i) {
      if (line[i] == '*' && i + 1 < line.size() && line[i + 1] == '*') {  // **bold**
        ++i;
        continue;
      }
      out.push_back(line[i]);
    }
    from = to + 1;
  }
  return out;
}

std::vector<Segment> Highlighter::snippet(std::string_view text, size_t width) const {
  std::u32string line = plain_line(text);
  std::vector<bool> mark = marks(line);
  size_t start = 0;
  if (line.size() > width) {
    // The window with the most marked characters; the earliest on a tie.
    size_t best = 0, count = 0;
    for (size_t i = 0; i < width; ++i) count += mark[i];
    size_t best_count = count;
    for (size_t i = width; i < line.size(); ++i) {
      count += mark[i];
      count -= mark[i - width];
      if (count > best_count) best_count = count, best = i - width + 1;
    }
    // Start a little before the first match in the window, at a sentence or clause if one is near.
    size_t first = best;
    while (first < best + width && !mark[first]) ++first;
    start = first > 12 ? first - 12 : 0;
    for (size_t i = first; i > start; --i) {
      char32_t c = line[i - 1];
      if (c == U'。' || c == U'，' || c == U'；' || c == U'：' || c == ' ' || c == '.' || c == ',') {
        start = i;
        break;
      }
    }
    start = std::min(start, line.size() - width);
  }
  size_t end = std::min(line.size(), start + width);
  std::vector<Segment> out;
  if (start > 0) out.push_back({"…", false});
  auto body = to_segments(line, mark, start, end);
  out.insert(out.end(), body.begin(), body.end());
  if (end < line.size()) out.push_back({"…", false});
  return out;
}

}  // namespace kb
