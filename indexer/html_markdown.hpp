#pragma once
// A help centre's article bodies, HTML, as entry text in the Markdown that
// kb-content/README.md allows: paragraphs, line breaks, lists, bold and
// italics, headings, quotes and the links an entry may hold. libxml2's HTML
// parser reads the HTML as browsers do; scripts, styles and other content
// that is no text for a reader are dropped, and what cannot be said in that
// Markdown (tables, images, other links) keeps its text.
#include <string>
#include <string_view>

namespace cli {

std::string html_to_markdown(std::string_view html);

}  // namespace cli
