#include "kb/entry.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <map>
#include <set>

#include "kb/text.hpp"

namespace kb {

std::string ContentIssue::to_string() const {
  std::string s = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                  (severity == Severity::Error ? "error: " : "warning: ") + message;
  if (!hint.empty()) s += "\n  hint: " + hint;
  return s;
}

std::size_t error_count(const std::vector<ContentIssue>& issues) {
  return static_cast<std::size_t>(std::count_if(
      issues.begin(), issues.end(), [](const ContentIssue& i) { return i.severity == Severity::Error; }));
}

bool check_utf8(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues) {
  std::size_t bad = utf8_invalid_at(text);
  if (bad == std::string_view::npos) return true;
  std::size_t line_start = text.rfind('\n', bad == 0 ? std::string_view::npos : bad - 1);
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  auto line = static_cast<unsigned>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n') + 1);
  auto column = static_cast<unsigned>(utf8_decode(text.substr(line_start, bad - line_start)).size() + 1);
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
  issues.push_back({file, line, std::string("the file is not valid UTF-8 (byte ") + byte + ")", column,
                    "save it as UTF-8; a GBK or Big5 file can be converted with: iconv -f GBK -t UTF-8"});
  return false;
}

bool link_allowed(std::string_view target) {
  auto starts = [&](std::string_view prefix) {
    if (target.size() <= prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (static_cast<char>(std::tolower(static_cast<unsigned char>(target[i]))) != prefix[i]) return false;
    return true;
  };
  if (starts(constants::kEntryLinkPrefix))
    return std::all_of(target.begin() + static_cast<std::ptrdiff_t>(constants::kEntryLinkPrefix.size()),
                       target.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
  bool scheme = std::any_of(std::begin(constants::kLinkSchemes), std::end(constants::kLinkSchemes), starts);
  return scheme && std::none_of(target.begin(), target.end(),
                                [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
}

std::string closest(const std::string& word, const std::vector<std::string>& choices) {
  auto distance = [](const std::u32string& a, const std::u32string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diag = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    return row[b.size()];
  };
  std::u32string w = utf8_decode(word);
  std::string best;
  size_t best_d = std::max<size_t>(2, w.size() / 3) + 1;
  for (const auto& c : choices) {
    size_t d = distance(w, utf8_decode(c));
    if (d < best_d) best_d = d, best = c;
  }
  return best;
}

bool is_valid_id(const std::string& id) {
  if (id.empty() || id.size() > 80 || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

namespace {

std::string trim(std::string_view s) {
  const char* ws = " \t\r";
  auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(ws);
  return std::string(s.substr(b, e - b + 1));
}

std::string unquote(std::string s) {
  if (s.size() >= 2 && (s.front() == '"' || s.front() == '\'') && s.back() == s.front())
    return s.substr(1, s.size() - 2);
  return s;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) lines.emplace_back(text.substr(start));
      break;
    }
    std::string line(text.substr(start, nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = nl + 1;
  }
  return lines;
}

template <typename Range>
bool one_of(const Range& range, const std::string& v) {
  return std::find(std::begin(range), std::end(range), v) != std::end(range);
}

struct Field {
  unsigned line = 0;
  unsigned column = 1;  // where the value starts
  std::string scalar;
  std::vector<std::string> list;
  std::vector<unsigned> item_lines;
  std::vector<unsigned> item_columns;
  bool is_list = false;
};

/// The 1-based character column of byte `offset` in `line`.
unsigned column_at(const std::string& line, size_t offset) {
  return static_cast<unsigned>(utf8_decode(std::string_view(line).substr(0, offset)).size()) + 1;
}

const std::vector<std::string> kKnownFields = {"id",   "type",      "title",   "audience", "category",
                                               "tags", "questions", "related", "channel",  "situation"};

std::string did_you_mean(const std::string& word, const std::vector<std::string>& choices) {
  std::string c = closest(word, choices);
  return c.empty() ? "" : "did you mean '" + c + "'? ";
}

/// "a, b, c or d".
template <typename Range>
std::string or_list(const Range& words) {
  std::string out;
  const auto n = static_cast<std::size_t>(std::distance(std::begin(words), std::end(words)));
  std::size_t i = 0;
  for (const auto& w : words) {
    if (i > 0) out += i + 1 == n ? " or " : ", ";
    out += w;
    ++i;
  }
  return out;
}

using Fields = std::map<std::string, Field>;

/// Adds an error about one file, with how to fix it.
class Problems {
 public:
  Problems(const std::string& file, std::vector<ContentIssue>& issues) : file_(file), issues_(issues) {}
  void operator()(unsigned line, unsigned column, std::string message, std::string hint) const {
    issues_.push_back({file_, line, std::move(message), column, std::move(hint)});
  }

 private:
  const std::string& file_;
  std::vector<ContentIssue>& issues_;
};

/// A front-matter line as read: the line itself and where its text starts.
struct FrontMatterLine {
  const std::string& raw;
  std::string text;  // trimmed
  unsigned number;   // 1-based
  size_t indent;     // bytes before the text
  unsigned column;   // where the text starts
};

/// "  - item" under the list field `list_key`.
void read_list_item(const FrontMatterLine& l, const std::string& list_key, Fields& fields,
                    const Problems& fail) {
  if (list_key.empty()) {
    fail(l.number, l.column, "list item outside a list field",
         "put list items under a field that ends with ':', such as 'questions:'");
    return;
  }
  std::string item = unquote(trim(l.text.substr(1)));
  if (item.empty()) {
    fail(l.number, l.column, "empty item in '" + list_key + "'",
         "write the item after '- ', or delete the line");
    return;
  }
  Field& f = fields[list_key];
  f.list.push_back(item);
  f.item_lines.push_back(l.number);
  f.item_columns.push_back(column_at(l.raw, l.raw.find_first_not_of(" \t-", l.indent)));
}

/// The items of an inline list's inside ("a, b, c" of "[a, b, c]"); empty ones are dropped.
std::vector<std::string> inline_items(const std::string& inner) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= inner.size()) {
    auto comma = inner.find(',', start);
    std::string item =
        unquote(trim(inner.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

/// "field: value", "field: [a, b]", or "field:" opening a list of items on
/// the lines below, which `list_key` then names.
void read_field(const FrontMatterLine& l, Fields& fields, std::string& list_key, const Problems& fail) {
  if (l.raw[0] == ' ' || l.raw[0] == '\t') {
    fail(l.number, l.column, "unexpected indentation",
         "fields start at the beginning of the line; only list items ('  - …') are indented");
    return;
  }
  auto colon = l.text.find(':');
  if (colon == std::string::npos) {
    fail(l.number, l.column, "expected 'field: value'",
         "write a field name, a colon and the value, e.g. 'title: 售后服务收费吗？'");
    return;
  }
  std::string key = trim(l.text.substr(0, colon));
  std::string value = trim(l.text.substr(colon + 1));
  if (fields.count(key)) {
    fail(l.number, 1, "field '" + key + "' appears twice",
         "keep one '" + key + ":' line (first on line " + std::to_string(fields[key].line) + ")");
    return;
  }
  Field& f = fields[key];
  f.line = l.number;
  f.column = value.empty() ? column_at(l.raw, colon + 1) : column_at(l.raw, l.raw.find(value, colon + 1));
  list_key.clear();
  if (value.empty()) {
    f.is_list = true;
    list_key = key;
  } else if (value.front() == '[') {
    if (value.back() != ']') {
      fail(l.number, column_at(l.raw, l.raw.size()), "inline list of '" + key + "' must end with ']'",
           "close the list: " + key + ": [a, b, c]");
      return;
    }
    f.is_list = true;
    f.list = inline_items(value.substr(1, value.size() - 2));
  } else {
    f.scalar = unquote(value);
  }
}

/// The fields between the opening '---' (line 0) and the closing one;
/// returns the closing line's index, lines.size() when there is none.
size_t read_front_matter(const std::vector<std::string>& lines, Fields& fields, const Problems& fail) {
  std::string list_key;  // the list field that items on the next lines belong to
  size_t i = 1;
  for (; i < lines.size(); ++i) {
    const std::string& raw = lines[i];
    std::string text = trim(raw);
    if (text == "---") break;
    if (text.empty() || text[0] == '#') continue;
    const size_t indent = raw.find_first_not_of(" \t");
    const FrontMatterLine line{raw, std::move(text), static_cast<unsigned>(i + 1), indent,
                               column_at(raw, indent)};
    if (line.text.rfind("- ", 0) == 0 || line.text == "-")
      read_list_item(line, list_key, fields, fail);
    else
      read_field(line, fields, list_key, fail);
  }
  return i;
}

/// The entry's text: the lines after the closing '---', without the blank
/// lines before it and surrounding white space; and the line it starts on.
void read_body(const std::vector<std::string>& lines, size_t closing, Entry& e) {
  e.body_line = static_cast<unsigned>(closing + 2);
  size_t first = closing + 1;
  while (first < lines.size() && trim(lines[first]).empty()) ++first, ++e.body_line;  // the text's first line
  for (size_t k = first; k < lines.size(); ++k) e.body += lines[k] + "\n";
  e.body = trim(e.body);
  while (!e.body.empty() && e.body.back() == '\n') e.body.pop_back();
}

void check_field_names(const Fields& fields, const Problems& fail) {
  for (const auto& [key, f] : fields)
    if (std::find(kKnownFields.begin(), kKnownFields.end(), key) == kKnownFields.end())
      fail(
          f.line, 1, "unknown field '" + key + "'",
          did_you_mean(key, kKnownFields) +
              "fields are id, type, title, audience, category, tags, questions, related, channel, situation");
}

/// A field that takes one value; a missing required one is an error.
void take_scalar(const Fields& fields, const char* key, std::string& out, bool required,
                 const Problems& fail) {
  auto it = fields.find(key);
  if (it == fields.end() || (it->second.scalar.empty() && !it->second.is_list)) {
    if (required)
      fail(it == fields.end() ? 2 : it->second.line, it == fields.end() ? 1 : it->second.column,
           std::string("missing field '") + key + "'",
           std::string("add a line '") + key + ": …' between the two '---' lines");
    return;
  }
  if (it->second.is_list) {
    fail(it->second.line, it->second.column, std::string("field '") + key + "' takes one value, not a list",
         std::string("write it on one line: '") + key + ": value'");
    return;
  }
  out = it->second.scalar;
}

/// A field that takes a list; a single value is a list of one.
void take_list(const Fields& fields, const char* key, std::vector<std::string>& out) {
  auto it = fields.find(key);
  if (it == fields.end()) return;
  if (!it->second.is_list)
    out = {it->second.scalar};
  else
    out = it->second.list;
}

/// The fields' values into the entry, with where each was written.
void take_fields(const Fields& fields, Entry& e, const Problems& fail) {
  take_scalar(fields, "id", e.id, true, fail);
  take_scalar(fields, "type", e.type, true, fail);
  take_scalar(fields, "title", e.title, true, fail);
  take_scalar(fields, "audience", e.audience, true, fail);
  take_scalar(fields, "category", e.category, true, fail);
  take_scalar(fields, "channel", e.channel, false, fail);
  take_scalar(fields, "situation", e.situation, false, fail);
  take_list(fields, "tags", e.tags);
  take_list(fields, "questions", e.questions);
  if (auto q = fields.find("questions"); q != fields.end()) {
    e.question_lines = q->second.item_lines;
    e.question_columns = q->second.item_columns;
  }
  e.question_lines.resize(e.questions.size(), e.line_of("questions"));
  e.question_columns.resize(e.questions.size(), 1);
  take_list(fields, "related", e.related);
  for (const auto& [key, f] : fields) {
    e.field_lines[key] = f.line;
    e.field_columns[key] = f.column;
  }
}

/// Values that are not allowed: a malformed id, an unknown type, audience or
/// channel, an FAQ without phrasings.
void check_values(const Entry& e, const Problems& fail) {
  auto at = [&](const char* key, std::string msg, std::string hint) {
    fail(e.line_of(key), e.column_of(key), std::move(msg), std::move(hint));
  };
  auto names = [](const auto& range) { return std::vector<std::string>(std::begin(range), std::end(range)); };
  if (!e.id.empty() && !is_valid_id(e.id))
    at("id", "id '" + e.id + "' may hold only a-z, 0-9 and '-'",
       "use lower-case letters, digits and '-', like the file name: after-sales-fees");
  if (!e.type.empty() && !one_of(kEntryTypes, e.type))
    at("type", "unknown type '" + e.type + "'",
       did_you_mean(e.type, names(kEntryTypes)) + "use " + or_list(kEntryTypes));
  if (!e.audience.empty() && !one_of(kAudiences, e.audience))
    at("audience", "unknown audience '" + e.audience + "'",
       did_you_mean(e.audience, names(kAudiences)) +
           "use public (the widget and everyone) or internal (agents only)");
  if (e.type == "faq" && e.questions.empty())
    at("questions", "an faq needs 'questions': the phrasings visitors type",
       "add 'questions:' and, under it, at least 3 lines '  - …' with ways visitors ask this");
  if (!e.channel.empty() && !one_of(kChannels, e.channel))
    at("channel", "unknown channel '" + e.channel + "'",
       did_you_mean(e.channel, names(kChannels)) + "use phone or chat");
}

}  // namespace

Entry parse_entry(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues) {
  Entry e;
  e.file = file;
  if (!check_utf8(text, file, issues)) return e;
  const auto lines = split_lines(text);
  const Problems fail(file, issues);
  if (lines.empty() || trim(lines[0]) != "---") {
    fail(1, 1, "the file must start with a '---' line opening the front matter",
         "begin with '---', then one 'field: value' per line, then '---' and the entry's text");
    return e;
  }
  Fields fields;
  const size_t closing = read_front_matter(lines, fields, fail);
  if (closing >= lines.size()) {
    fail(static_cast<unsigned>(lines.size()), 1, "front matter is not closed by a '---' line",
         "add a line '---' after the last field, then the entry's text");
    return e;
  }
  read_body(lines, closing, e);
  check_field_names(fields, fail);
  take_fields(fields, e, fail);
  check_values(e, fail);
  if (e.body.empty())
    fail(e.body_line > lines.size() ? static_cast<unsigned>(lines.size()) : e.body_line, 1,
         "the entry has no text after its front matter", "write the answer below the closing '---' line");
  return e;
}

void validate_entries(const std::vector<Entry>& entries, std::vector<ContentIssue>& issues) {
  std::map<std::string, const Entry*> by_id;
  for (const auto& e : entries) {
    auto [it, fresh] = by_id.emplace(e.id, &e);
    if (!fresh)
      issues.push_back({e.file, e.line_of("id"),
                        "duplicate id '" + e.id + "', also used by " + it->second->file, e.column_of("id"),
                        "ids are unique: rename this file and its id"});
  }
  // The same phrasing in two entries would make the bot's choice arbitrary.
  std::map<std::string, std::pair<const Entry*, std::string>> by_question;
  for (const auto& e : entries) {
    for (size_t i = 0; i < e.questions.size(); ++i) {
      std::string key = question_key(e.questions[i]);
      if (key.empty()) continue;
      auto [it, fresh] = by_question.emplace(key, std::make_pair(&e, e.questions[i]));
      if (!fresh && it->second.first != &e)
        issues.push_back({e.file, e.question_lines[i],
                          "question '" + e.questions[i] + "' is also a phrasing of '" + it->second.first->id +
                              "' (" + it->second.first->file + ")",
                          e.question_columns[i],
                          "keep the phrasing in the entry that answers it; reword or remove the other"});
    }
  }
  std::vector<std::string> ids;
  for (const auto& [id, entry] : by_id) ids.push_back(id);
  for (const auto& e : entries)
    for (const auto& r : e.related)
      if (!by_id.count(r)) {
        std::string near = closest(r, ids);
        issues.push_back({e.file, e.line_of("related"), "related id '" + r + "' does not exist",
                          e.column_of("related"),
                          (near.empty() ? "" : "did you mean '" + near + "'? ") +
                              "a broken link is skipped in the widget; fix or remove it",
                          Severity::Warning});
      }
}

}  // namespace kb
