#pragma once
// Highlighting of search results: which parts of a title or body a query
// matched. Uses the same analysis as the index, so traditional and simplified
// text, full-width letters and English stems highlight alike.
#include <string>
#include <string_view>
#include <vector>

#include "kb/text.hpp"

namespace kb {

/// A run of text, marked when it matched the query.
struct Segment {
  std::string text;
  bool mark = false;
};

/// The words a query highlights: its meaningful CJK pairs (or a lone CJK
/// character) and its English stems. Build it once per query.
class Highlighter {
 public:
  explicit Highlighter(std::string_view query);
  /// `text` split into segments. Adjacent matched characters form one segment,
  /// so a matched Chinese word is one mark, not one per character.
  std::vector<Segment> segments(std::string_view text) const;
  /// About `width` characters of `text` around its densest matches, flattened
  /// to one line (Markdown list and quote markers dropped), with "…" where cut.
  std::vector<Segment> snippet(std::string_view text, size_t width = 90) const;

 private:
  std::vector<bool> marks(std::u32string_view text) const;
  std::vector<std::u32string> pairs_;  // folded CJK words and bigrams
  std::vector<char32_t> singles_;      // folded lone CJK characters
  std::vector<std::string> stems_;     // English stems
};

/// Markdown flattened to one line of plain text.
std::u32string plain_line(std::string_view markdown);

}  // namespace kb
