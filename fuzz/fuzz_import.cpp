// libFuzzer target: the import's CSV reader (indexer/table.cpp) and its HTML
// to Markdown conversion (indexer/html_markdown.cpp): any file is rows or a
// problem with its line, never a crash; rows written back as CSV read the
// same; and the Markdown made from any HTML holds no raw HTML for cmark.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "html_markdown.hpp"
#include "markdown.hpp"
#include "table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);

  const cli::Table table = cli::read_csv(text);
  for (const auto& p : table.problems) KB_FUZZ_CHECK(p.line >= 1 && !p.message.empty());
  if (table.problems.empty()) {
    std::string again = "\xEF\xBB\xBF";
    for (const auto& row : table.rows) {
      KB_FUZZ_CHECK(!row.cells.empty() && row.number >= 1 && row.line >= row.number);
      again += cli::csv_record(row.cells);
    }
    const cli::Table reread = cli::read_csv(again);
    KB_FUZZ_CHECK(reread.problems.empty() && reread.rows.size() == table.rows.size());
    for (std::size_t i = 0; i < table.rows.size(); ++i)
      KB_FUZZ_CHECK(reread.rows[i].cells == table.rows[i].cells);
  }

  const std::string markdown = cli::html_to_markdown(text);
  std::vector<cli::MarkdownNote> notes;
  cli::render_markdown(markdown, &notes);
  for (const auto& n : notes) KB_FUZZ_CHECK(n.message.find("raw HTML") == std::string::npos);
  return 0;
}
