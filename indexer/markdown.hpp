#pragma once
// Entry text from Markdown to HTML, at build time, with cmark (CommonMark).
// The result is safe to insert into a page: raw HTML is shown as text, links
// go only where kb::link_allowed says, and images are shown as their
// description, so an answer never loads anything from elsewhere.
#include <string>
#include <string_view>
#include <vector>

namespace cli {

/// Something in the Markdown that was rendered differently from how it was
/// written; `line` counts from 1 at the first line of the text.
struct MarkdownNote {
  unsigned line = 1;
  std::string message;
  std::string hint;
};

/// A link as CommonMark reads it, allowed or not; line and column (in
/// characters) count from 1 at the start of the text.
struct MarkdownLink {
  unsigned line = 1;
  unsigned column = 1;
  std::string target;
};

/// The HTML for `markdown`. A line break inside a paragraph is kept as a
/// line break (<br />), as editors write one sentence or quote per line.
/// `links`, when given, receives every link of the text, so that checks see
/// exactly the links the reader will, with no second parser.
std::string render_markdown(std::string_view markdown, std::vector<MarkdownNote>* notes = nullptr,
                            std::vector<MarkdownLink>* links = nullptr);

}  // namespace cli
