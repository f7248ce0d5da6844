#include "kb/entry.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "kb/text.hpp"

namespace kb {

std::string ContentIssue::to_string() const { return file + ":" + std::to_string(line) + ": " + message; }

namespace {

std::string summarize(const std::vector<ContentIssue>& issues) {
  std::string s;
  for (const auto& i : issues) s += i.to_string() + "\n";
  return s;
}

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

bool is_valid_id(const std::string& id) {
  if (id.empty() || id.size() > 80 || id.front() == '-') return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

template <typename Range>
bool one_of(const Range& range, const std::string& v) {
  return std::find(std::begin(range), std::end(range), v) != std::end(range);
}

struct Field {
  unsigned line = 0;
  std::string scalar;
  std::vector<std::string> list;
  std::vector<unsigned> item_lines;
  bool is_list = false;
};

}  // namespace

ContentError::ContentError(std::vector<ContentIssue> issues)
    : std::runtime_error(summarize(issues)), issues_(std::move(issues)) {}

Entry parse_entry(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues) {
  Entry e;
  e.file = file;
  auto lines = split_lines(text);
  auto fail = [&](unsigned line, std::string msg) { issues.push_back({file, line, std::move(msg)}); };

  if (lines.empty() || trim(lines[0]) != "---") {
    fail(1, "the file must start with a '---' line opening the front matter");
    return e;
  }
  std::map<std::string, Field> fields;
  std::string list_key;
  size_t i = 1;
  for (; i < lines.size(); ++i) {
    const std::string& raw = lines[i];
    unsigned ln = static_cast<unsigned>(i + 1);
    std::string line = trim(raw);
    if (line == "---") break;
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("- ", 0) == 0 || line == "-") {
      if (list_key.empty()) {
        fail(ln, "list item outside a list field");
        continue;
      }
      std::string item = unquote(trim(line.substr(1)));
      if (item.empty())
        fail(ln, "empty item in '" + list_key + "'");
      else {
        fields[list_key].list.push_back(item);
        fields[list_key].item_lines.push_back(ln);
      }
      continue;
    }
    if (raw[0] == ' ' || raw[0] == '\t') {
      fail(ln, "unexpected indentation; list items start with '- '");
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string::npos) {
      fail(ln, "expected 'field: value'");
      continue;
    }
    std::string key = trim(line.substr(0, colon));
    std::string value = trim(line.substr(colon + 1));
    if (fields.count(key)) {
      fail(ln, "field '" + key + "' appears twice");
      continue;
    }
    Field& f = fields[key];
    f.line = ln;
    list_key.clear();
    if (value.empty()) {
      f.is_list = true;
      list_key = key;
    } else if (value.front() == '[') {
      if (value.back() != ']') {
        fail(ln, "inline list of '" + key + "' must end with ']'");
        continue;
      }
      f.is_list = true;
      std::string inner = value.substr(1, value.size() - 2);
      size_t start = 0;
      while (start <= inner.size()) {
        auto comma = inner.find(',', start);
        std::string item = unquote(
            trim(inner.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (!item.empty()) f.list.push_back(item);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else {
      f.scalar = unquote(value);
    }
  }
  if (i >= lines.size()) {
    fail(static_cast<unsigned>(lines.size()), "front matter is not closed by a '---' line");
    return e;
  }
  e.body_line = static_cast<unsigned>(i + 2);
  for (size_t k = i + 1; k < lines.size(); ++k) e.body += lines[k] + "\n";
  e.body = trim(e.body);
  while (!e.body.empty() && e.body.back() == '\n') e.body.pop_back();

  static const std::set<std::string> known = {"id",   "type",      "title",   "audience", "category",
                                              "tags", "questions", "related", "channel",  "situation"};
  for (const auto& [key, f] : fields)
    if (!known.count(key)) fail(f.line, "unknown field '" + key + "'");

  auto scalar = [&](const char* key, std::string& out, bool required) {
    auto it = fields.find(key);
    if (it == fields.end() || (it->second.scalar.empty() && !it->second.is_list)) {
      if (required)
        fail(it == fields.end() ? 2 : it->second.line, std::string("missing field '") + key + "'");
      return;
    }
    if (it->second.is_list) {
      fail(it->second.line, std::string("field '") + key + "' takes one value, not a list");
      return;
    }
    out = it->second.scalar;
  };
  auto list = [&](const char* key, std::vector<std::string>& out) {
    auto it = fields.find(key);
    if (it == fields.end()) return;
    if (!it->second.is_list)
      out = {it->second.scalar};
    else
      out = it->second.list;
  };
  scalar("id", e.id, true);
  scalar("type", e.type, true);
  scalar("title", e.title, true);
  scalar("audience", e.audience, true);
  scalar("category", e.category, true);
  scalar("channel", e.channel, false);
  scalar("situation", e.situation, false);
  list("tags", e.tags);
  list("questions", e.questions);
  if (fields.count("questions")) e.question_lines = fields["questions"].item_lines;
  e.question_lines.resize(e.questions.size(), e.line_of("questions"));
  list("related", e.related);

  for (const auto& [key, f] : fields) e.field_lines[key] = f.line;
  auto line_of = [&](const char* key) { return e.line_of(key); };
  if (!e.id.empty() && !is_valid_id(e.id))
    fail(line_of("id"), "id '" + e.id + "' may hold only a-z, 0-9 and '-'");
  if (!e.type.empty() && !one_of(kEntryTypes, e.type))
    fail(line_of("type"), "unknown type '" + e.type + "'; use faq, procedure, script or rule");
  if (!e.audience.empty() && !one_of(kAudiences, e.audience))
    fail(line_of("audience"), "unknown audience '" + e.audience + "'; use public or internal");
  if (e.type == "faq" && e.questions.empty())
    fail(line_of("questions"), "an faq needs 'questions': the phrasings visitors type");
  if (!e.channel.empty() && e.channel != "phone" && e.channel != "chat")
    fail(line_of("channel"), "unknown channel '" + e.channel + "'; use phone or chat");
  if (e.body.empty())
    fail(e.body_line > lines.size() ? static_cast<unsigned>(lines.size()) : e.body_line,
         "the entry has no text after its front matter");
  return e;
}

void validate_entries(const std::vector<Entry>& entries, std::vector<ContentIssue>& issues) {
  std::map<std::string, const Entry*> by_id;
  for (const auto& e : entries) {
    auto [it, fresh] = by_id.emplace(e.id, &e);
    if (!fresh)
      issues.push_back(
          {e.file, e.line_of("id"), "duplicate id '" + e.id + "', also used by " + it->second->file});
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
                              "' (" + it->second.first->file + ")"});
    }
  }
  for (const auto& e : entries)
    for (const auto& r : e.related)
      if (!by_id.count(r))
        issues.push_back({e.file, e.line_of("related"), "related id '" + r + "' does not exist"});
}

}  // namespace kb
