#pragma once
// Reading kb-content/: every entry file and synonyms.txt, parsed, validated
// and linted, with a hash of each source for incremental builds.
#include <filesystem>
#include <string>
#include <vector>

#include "kb/entry.hpp"
#include "kb/synonyms.hpp"

namespace cli {

/// An entry file larger than this is refused with its name: no answer is that
/// long, and a 30 MB entry took a minute and 4 GB to index.
inline constexpr std::uintmax_t kMaxEntryBytes = 1 << 20;

struct Content {
  std::filesystem::path dir;
  std::vector<kb::Entry> entries;
  std::vector<std::string> source_hashes;  // per entry: its file's text, hashed
  kb::Synonyms synonyms;
  std::string synonyms_file;
  std::vector<kb::ContentIssue> issues;  // errors and warnings, in file order
  std::size_t errors() const { return kb::error_count(issues); }
};

/// README.md, SOURCES.md and the like document the content; entry files are
/// named by their ids, which are lower case.
bool is_documentation(const std::filesystem::path& p);

/// Reads, parses, validates and lints `dir`. Throws CliError(2) when it is not a folder.
Content load_content(const std::filesystem::path& dir);

/// Prints issues to stderr, errors first, then a one-line count.
void print_issues(const std::vector<kb::ContentIssue>& issues);

}  // namespace cli
