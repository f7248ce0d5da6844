#include "markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

#include "kb/entry.hpp"

namespace cli {
namespace {

using NodePtr = std::unique_ptr<cmark_node, decltype(&cmark_node_free)>;

std::string url_of(cmark_node* n) {
  const char* url = cmark_node_get_url(n);
  return url ? url : "";
}

/// The nearest line number cmark knows for `n`: inline nodes have none, so
/// the block that holds them answers.
unsigned line_of(cmark_node* n) {
  for (; n; n = cmark_node_parent(n))
    if (int line = cmark_node_get_start_line(n); line > 0) return static_cast<unsigned>(line);
  return 1;
}

/// Puts `n`'s children where `n` is, then frees `n`: a link or an image
/// becomes its text.
void unwrap(cmark_node* n) {
  while (cmark_node* child = cmark_node_first_child(n)) cmark_node_insert_before(n, child);
  cmark_node_free(n);
}

/// Replaces raw HTML by the same characters as text, so it shows and never runs.
void as_text(cmark_node* n) {
  std::string literal = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
  while (!literal.empty() && (literal.back() == '\n' || literal.back() == '\r')) literal.pop_back();
  cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
  cmark_node_set_literal(text, literal.c_str());
  if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
    cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
    cmark_node_append_child(para, text);
    text = para;
  }
  cmark_node_replace(n, text);
  cmark_node_free(n);
}

/// The character column of byte column `byte_column` (1-based) on line `line` of `text`.
unsigned char_column(std::string_view text, int line, int byte_column) {
  std::size_t start = 0;
  for (int l = 1; l < line && start != std::string_view::npos; ++l) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos || byte_column < 1) return 1;
  std::string_view prefix = text.substr(start, static_cast<std::size_t>(byte_column - 1));
  unsigned chars = 1;
  for (unsigned char c : prefix) chars += (c & 0xC0) != 0x80;  // count lead bytes only
  return chars;
}

}  // namespace

std::string render_markdown(std::string_view markdown, std::vector<MarkdownNote>* notes,
                            std::vector<MarkdownLink>* found_links) {
  const int options = CMARK_OPT_SOURCEPOS | CMARK_OPT_HARDBREAKS | CMARK_OPT_VALIDATE_UTF8;
  NodePtr doc(cmark_parse_document(markdown.data(), markdown.size(), options), &cmark_node_free);
  auto note = [&](cmark_node* n, std::string message, std::string hint) {
    if (!notes) return;
    unsigned line = line_of(n);
    for (const auto& seen : *notes)
      if (seen.line == line && seen.message == message)
        return;  // once per line: <b> and </b> are one mistake
    notes->push_back({line, std::move(message), std::move(hint)});
  };

  // Collect first: the tree cannot change under the iterator.
  std::vector<cmark_node*> links, images, html;
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_LINK:
        links.push_back(n);
        break;
      case CMARK_NODE_IMAGE:
        images.push_back(n);
        break;
      case CMARK_NODE_HTML_BLOCK:
      case CMARK_NODE_HTML_INLINE:
        html.push_back(n);
        break;
      case CMARK_NODE_CODE_BLOCK:
        cmark_node_set_fence_info(n, "");
        break;  // no class="language-…"
      default:
        break;
    }
  }
  cmark_iter_free(it);

  for (cmark_node* n : html) {
    note(n, "raw HTML is not allowed; it is shown as text",
         "use Markdown: **bold**, '- ' for a list, '1. ' for steps, '> ' for words to say");
    as_text(n);
  }
  for (cmark_node* n : images) {
    note(n, "images are not shown; the widget shows their description as text",
         "describe what matters in words, or link to the picture with [text](https://…)");
    unwrap(n);
  }
  for (cmark_node* n : links) {
    if (found_links) {
      int line = cmark_node_get_start_line(n);
      found_links->push_back({line > 0 ? static_cast<unsigned>(line) : line_of(n),
                              char_column(markdown, line, cmark_node_get_start_column(n)), url_of(n)});
    }
    // The lint names refused targets with their column; here they only lose the link.
    if (!kb::link_allowed(url_of(n))) unwrap(n);
  }

  char* out = cmark_render_html(doc.get(), CMARK_OPT_HARDBREAKS);  // safe: the default since cmark 0.29
  std::string html_text(out);
  free(out);
  return html_text;
}

}  // namespace cli
