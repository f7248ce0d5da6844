// libFuzzer target: the content parser (core/src/entry.cpp), the synonym
// file parser (core/src/synonyms.cpp), the Markdown renderer
// (indexer/markdown.cpp) and the content lint (core/src/lint.cpp): whatever an
// editor saves is reported as issues, never a crash, and the HTML holds only
// the elements the widget allows.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "kb/entry.hpp"
#include "kb/lint.hpp"
#include "kb/schema.hpp"
#include "kb/synonyms.hpp"
#include "markdown.hpp"

namespace {

/// Every tag in `html` is one cmark writes for allowed Markdown, with no attribute but href.
bool only_allowed_tags(const std::string& html) {
  static const char* allowed[] = {"p>",  "br />", "strong>",     "em>", "code>",     "pre>", "blockquote>",
                                  "ul>", "ol>",   "ol start=\"", "li>", "a href=\"", "a>",   "h1>",
                                  "h2>", "h3>",   "h4>",         "h5>", "h6>",       "hr />"};
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    std::size_t name = at + 1 + (html.compare(at + 1, 1, "/") == 0 ? 1 : 0);
    bool ok = false;
    for (const char* a : allowed) ok = ok || html.compare(name, std::strlen(a), a) == 0;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);

  std::vector<kb::ContentIssue> issues;
  kb::Entry e = kb::parse_entry(text, "fuzz.md", issues);
  for (const auto& i : issues) KB_FUZZ_CHECK(!i.message.empty() && !i.to_string().empty());

  std::vector<cli::MarkdownNote> notes;
  std::vector<cli::MarkdownLink> links;
  KB_FUZZ_CHECK(only_allowed_tags(cli::render_markdown(e.body, &notes, &links)));
  for (const auto& l : links) {
    KB_FUZZ_CHECK(l.line >= 1 && l.column >= 1);
    e.links.push_back({e.body_line + l.line - 1, l.column, l.target});
  }
  KB_FUZZ_CHECK(only_allowed_tags(cli::render_markdown(text)));
  for (const auto& n : notes) KB_FUZZ_CHECK(n.line >= 1);

  std::vector<kb::ContentIssue> synonym_issues;
  kb::Synonyms synonyms = kb::Synonyms::parse(text, "synonyms.txt", synonym_issues);
  if (kb::error_count(issues) == 0) {
    std::vector<kb::Entry> one = {e};
    kb::validate_entries(one, issues);
    kb::schema::make_document(e, synonyms, kb::Lexicon::general());  // what the indexer stores: every term within Xapian's limits
    std::vector<kb::ContentIssue> lint;  // the warnings check and build print
    kb::lint_entries(one, synonyms, "synonyms.txt", lint);
    for (const auto& i : lint) KB_FUZZ_CHECK(!i.message.empty() && i.line >= 1);
  }
  return 0;
}
