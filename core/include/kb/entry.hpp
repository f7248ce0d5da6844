#pragma once
// The knowledge-base entry: its fields, its file format and its validation.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/constants.hpp"

namespace kb {

enum class Severity { Error, Warning };

/// One problem found in a content file: where it is, what is wrong and how to fix it.
/// Errors stop a build; warnings flag weak content.
struct ContentIssue {
  std::string file;
  unsigned line = 0;
  std::string message;
  unsigned column = 1;  // 1-based, in characters
  std::string hint;     // how to fix it; may be empty
  Severity severity = Severity::Error;
  /// "file:line:column: error: message", then "  hint: …" on a second line when there is a hint.
  std::string to_string() const;
};

/// The closest of `choices` to `word` by edit distance, or "" when none is close: for "did you mean" hints.
std::string closest(const std::string& word, const std::vector<std::string>& choices);

/// A link in an entry's body, as the Markdown renderer parsed it; line and
/// column (in characters) are the file's.
struct BodyLink {
  unsigned line = 1;
  unsigned column = 1;
  std::string target;
};

struct Entry {
  std::string id;
  std::string type;  // one of kEntryTypes: faq | procedure | script | rule
  std::string title;
  std::string audience;  // public | internal
  std::string category;
  std::vector<std::string> tags;
  std::vector<std::string> questions;    // phrasings visitors type (FAQs)
  std::vector<unsigned> question_lines;  // line of each phrasing, for messages
  std::vector<std::string> related;      // ids of other entries
  std::string channel;                   // scripts: phone | chat
  std::string situation;                 // scripts: when to use it
  std::string body;                      // Markdown
  std::string html;                      // body rendered to safe HTML by the indexer; empty when not rendered
  std::vector<BodyLink> links;           // the body's links, found by the same renderer (for the lint)
  std::string file;                      // where it came from, for messages
  unsigned body_line = 0;
  std::map<std::string, unsigned> field_lines;    // front-matter field -> line
  std::map<std::string, unsigned> field_columns;  // front-matter field -> column of its value
  std::vector<unsigned> question_columns;         // column of each phrasing

  unsigned line_of(const std::string& field) const {
    auto it = field_lines.find(field);
    return it == field_lines.end() ? 1 : it->second;
  }
  /// Every text of the entry that search reads (title, category, situation,
  /// body, phrasings, tags), in that order.
  std::vector<std::string_view> texts() const {
    std::vector<std::string_view> out = {title, category, situation, body};
    out.insert(out.end(), questions.begin(), questions.end());
    out.insert(out.end(), tags.begin(), tags.end());
    return out;
  }
  /// texts(), one per line.
  std::string text() const {
    std::string out;
    for (auto t : texts()) (out += t) += '\n';
    return out;
  }
  unsigned column_of(const std::string& field) const {
    auto it = field_columns.find(field);
    return it == field_columns.end() ? 1 : it->second;
  }
};

/// The entry types (core/constants.json, which the front end reads too).
inline constexpr auto& kEntryTypes = constants::kEntryTypes;
inline constexpr std::string_view kAudiences[] = {"public", "internal"};
inline constexpr std::string_view kChannels[] = {"phone", "chat"};

/// Whether `id` is a valid entry id: 1 to 80 of a-z, 0-9 and '-', not starting with '-'.
bool is_valid_id(const std::string& id);

/// Parses one entry file (front matter between `---` lines, then Markdown).
/// Problems are appended to `issues`; the returned entry is only meaningful
/// when none were added.
Entry parse_entry(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues);

/// Checks rules that span entries: unique ids and phrasings. Related ids
/// that do not exist are warnings: the widget skips them.
void validate_entries(const std::vector<Entry>& entries, std::vector<ContentIssue>& issues);

/// Adds an error at the first bad byte's line and column, and returns false,
/// when `text` is not valid UTF-8: files saved as GBK or Big5 are common, and
/// everything after parsing (the index, JSON, the browser) needs UTF-8.
bool check_utf8(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues);

/// Whether entry text may link to `target`: http(s), mailto and tel
/// addresses, and other entries as #/entry/<id> (constants::kLinkSchemes and
/// kEntryLinkPrefix). Anything else is shown as text.
bool link_allowed(std::string_view target);

/// How many errors (not warnings) `issues` holds.
std::size_t error_count(const std::vector<ContentIssue>& issues);

}  // namespace kb
