#include "content.hpp"

#include <algorithm>
#include <iostream>

#include "cli.hpp"
#include "markdown.hpp"
#include "kb/lint.hpp"
#include "kb/text.hpp"

namespace cli {

bool is_documentation(const std::filesystem::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] >= 'A' && name[0] <= 'Z';
}

Content load_content(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw CliError(2, "content folder not found: " + dir.string());
  Content c;
  c.dir = dir;
  std::vector<fs::path> files;
  // A symbolic link is read only when it stays inside the content folder: one
  // that leads elsewhere would publish whatever file it points to.
  const fs::path inside = fs::weakly_canonical(dir);
  auto stays_inside = [&](const fs::path& link) {
    std::error_code ec;
    fs::path target = fs::weakly_canonical(link, ec);
    if (ec) return false;
    auto [end, rest] = std::mismatch(inside.begin(), inside.end(), target.begin(), target.end());
    return end == inside.end();
  };
  for (const auto& de : fs::recursive_directory_iterator(dir)) {
    if (de.is_symlink() && !stays_inside(de.path())) {
      std::error_code ec;
      fs::path target = fs::read_symlink(de.path(), ec);
      c.issues.push_back({de.path().string(), 1,
                          "is a symbolic link to " + (ec ? std::string("an unreadable target") : target.string()) +
                              ", outside the content folder; it is not read",
                          1, "copy the file into the content folder, or link only to files inside it"});
      continue;
    }
    if (de.is_regular_file() && de.path().extension() == ".md" && !is_documentation(de.path()))
      files.push_back(de.path());
  }
  std::sort(files.begin(), files.end());

  for (const auto& f : files) {
    std::error_code size_error;
    if (auto bytes = fs::file_size(f, size_error); !size_error && bytes > kMaxEntryBytes) {
      c.issues.push_back({f.string(), 1,
                          "the entry is " + std::to_string(bytes / 1024) + " KB; an entry may hold at most " +
                              std::to_string(kMaxEntryBytes / 1024) + " KB",
                          1, "an answer is read in a chat bubble: split this into entries of one answer each"});
      continue;
    }
    std::string text;
    try {
      text = read_file(f);
    } catch (const CliError&) {
      c.issues.push_back({f.string(), 1, "cannot read the file", 1, "check its permissions"});
      continue;
    }
    c.entries.push_back(kb::parse_entry(text, f.string(), c.issues));
    c.source_hashes.push_back(kb::fnv1a64(text));
    auto& e = c.entries.back();
    std::vector<MarkdownNote> notes;
    std::vector<MarkdownLink> links;
    e.html = render_markdown(e.body, &notes, &links);
    for (auto& l : links) e.links.push_back({e.body_line + l.line - 1, l.column, std::move(l.target)});
    kb::check_placeholders(e, c.issues);
    for (auto& n : notes)
      c.issues.push_back({f.string(), e.body_line + n.line - 1, std::move(n.message), 1, std::move(n.hint),
                          kb::Severity::Warning});
    if (!e.id.empty() && f.stem() != e.id)
      c.issues.push_back({f.string(), e.line_of("id"),
                          "id '" + e.id + "' must match the file name '" + f.stem().string() + ".md'",
                          e.column_of("id"), "rename the file to " + e.id + ".md, or change the id"});
  }
  kb::validate_entries(c.entries, c.issues);
  if (fs::path syn = dir / "synonyms.txt"; fs::is_symlink(syn) && !stays_inside(syn)) {
    c.issues.push_back({syn.string(), 1, "is a symbolic link outside the content folder; it is not read", 1,
                        "copy the file into the content folder"});
  } else if (fs::exists(syn)) {
    c.synonyms_file = syn.string();
    c.synonyms = kb::Synonyms::parse(read_file(syn), c.synonyms_file, c.issues);
  }
  if (c.entries.empty())
    c.issues.push_back({dir.string(), 0, "no entries (*.md files) found", 1,
                        "write one Markdown file per entry; kb-content/README.md shows the format"});
  if (c.errors() == 0) kb::lint_entries(c.entries, c.synonyms, c.synonyms_file, c.issues);
  std::stable_sort(c.issues.begin(), c.issues.end(),
                   [](const kb::ContentIssue& a, const kb::ContentIssue& b) {
                     return a.severity == kb::Severity::Error && b.severity != kb::Severity::Error;
                   });
  return c;
}

void print_issues(const std::vector<kb::ContentIssue>& issues) {
  for (const auto& i : issues) std::cerr << i.to_string() << "\n";
}

}  // namespace cli
