#include "import.hpp"

#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli.hpp"
#include "content.hpp"
#include "html_markdown.hpp"
#include "kb/lint.hpp"
#include "kb/text.hpp"
#include "table.hpp"

namespace cli {

namespace {

std::string trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const auto b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(ws) - b + 1));
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A value on one front-matter line: quoted when parse_entry would otherwise
/// read it as something else (a list, or quotes of its own).
std::string scalar(const std::string& v) {
  const bool quote =
      !v.empty() && (v.front() == '[' || v.front() == '"' || v.front() == '\'' || v.front() == '#');
  return quote ? (v.back() == '"' ? "'" + v + "'" : "\"" + v + "\"") : v;
}

/// Text on one line: line breaks and runs of white space become one space.
std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return trim(out);
}

/// Splits `cell` at any of `separators` (UTF-8 strings); items trimmed, empty ones dropped.
std::vector<std::string> split_at(const std::string& cell, const std::vector<std::string>& separators) {
  std::vector<std::string> items;
  std::string item;
  for (std::size_t i = 0; i < cell.size();) {
    auto sep = std::find_if(separators.begin(), separators.end(),
                            [&](const std::string& s) { return cell.compare(i, s.size(), s) == 0; });
    if (sep != separators.end()) {
      if (auto t = one_line(item); !t.empty()) items.push_back(t);
      item.clear();
      i += sep->size();
    } else {
      item += cell[i++];
    }
  }
  if (auto t = one_line(item); !t.empty()) items.push_back(t);
  return items;
}

std::vector<std::string> split_list(const std::string& cell) {
  return split_at(cell, {"\n", "|", "；", ";", ",", "，", "、"});
}

std::string joined_lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

/// Line ends as \n, and no white space around the text.
std::string answer_text(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out += '\n';
    } else {
      out += s[i];
    }
  }
  return trim(out);
}

/// A lower-case ASCII slug of `text`'s letters and digits ("How do I pay?" -> "how-do-i-pay"), at most 60
/// characters.
std::string slug(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) && c < 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 60) {
    out.resize(60);
    if (auto dash = out.rfind('-'); dash != std::string::npos && dash > 20) out.resize(dash);
  }
  return out;
}

const std::string kDefaultCategory = "未分类";

/// Words for a value in other words: 内部 for internal, 话术 for script.
std::string alias(const std::string& value, const std::map<std::string, std::string>& words) {
  auto it = words.find(lower(value));
  return it == words.end() ? lower(value) : it->second;
}

const std::map<std::string, std::string> kTypeWords = {
    {"问答", "faq"},    {"常见问题", "faq"}, {"流程", "procedure"}, {"规程", "procedure"},
    {"话术", "script"}, {"规范", "rule"},    {"规则", "rule"}};
const std::map<std::string, std::string> kAudienceWords = {{"公开", "public"},   {"对外", "public"},
                                                           {"客户", "public"},   {"内部", "internal"},
                                                           {"对内", "internal"}, {"员工", "internal"}};
const std::map<std::string, std::string> kChannelWords = {
    {"电话", "phone"}, {"在线", "chat"}, {"聊天", "chat"}, {"在线聊天", "chat"}};

/// One entry to be and where it came from, for messages.
struct Draft {
  kb::Entry entry;
  std::string where;                           // "faq.csv:7", "help.json: article 3"
  std::map<std::string, std::string> columns;  // field -> "column 答案", "field body"
  std::string id_source;                       // the id as given, "" to derive one
  std::string fallback_id;                     // the id when the title makes none: faq-7, article-360001
  bool questions_from_title = false;
  std::size_t order = 0;  // its place in the file, from 1
};

struct Problem {
  std::string where;
  std::string message;
  std::string hint;
  std::size_t order = 0;  // the row's or article's place in the file; 0 for the file as a whole
};

/// Reads the fields every source shares into draft.entry, with the defaults
/// and the checks of one row.
void fill(Draft& d, const std::map<std::string, std::string>& cells, std::vector<Problem>& problems) {
  auto cell = [&](const char* field) {
    auto it = cells.find(field);
    return it == cells.end() ? std::string() : it->second;
  };
  auto fail = [&](const char* field, std::string message, std::string hint = "") {
    auto col = d.columns.find(field);
    problems.push_back({d.where + ": " + (col == d.columns.end() ? "" : col->second + ": ") + message, "",
                        std::move(hint), d.order});
  };
  kb::Entry& e = d.entry;
  e.title = one_line(cell("title"));
  e.body = answer_text(cell("answer"));
  e.category = one_line(cell("category"));
  if (e.category.empty()) e.category = kDefaultCategory;
  e.type = alias(one_line(cell("type")), kTypeWords);
  if (e.type.empty()) e.type = "faq";
  e.audience = alias(one_line(cell("audience")), kAudienceWords);
  if (e.audience.empty()) e.audience = "public";
  e.channel = alias(one_line(cell("channel")), kChannelWords);
  e.situation = one_line(cell("situation"));
  e.tags = split_list(cell("tags"));
  e.related = split_list(cell("related"));
  d.id_source = one_line(cell("id"));
  std::set<std::string> seen;
  for (auto& q : split_phrasings(cell("questions")))
    if (seen.insert(q).second) e.questions.push_back(q);  // the same one twice; kept are 机器人 and 機器人
  if (e.questions.empty() && e.type == "faq" && !e.title.empty()) {
    e.questions.push_back(e.title);  // the standard question is then the one phrasing
    d.questions_from_title = true;
  }

  if (e.title.empty())
    fail("title", "empty question", "write the standard question (or the article's title)");
  if (e.body.empty()) fail("answer", "empty answer", "write the answer, or delete the row");
  auto names = [](const auto& range) { return std::vector<std::string>(std::begin(range), std::end(range)); };
  if (std::find(std::begin(kb::kEntryTypes), std::end(kb::kEntryTypes), e.type) ==
      std::end(kb::kEntryTypes)) {
    const std::string near = kb::closest(e.type, names(kb::kEntryTypes));
    fail("type", "unknown type '" + one_line(cell("type")) + "'",
         (near.empty() ? "" : "did you mean '" + near + "'? ") +
             "use faq, procedure, script or rule (or 问答, 流程, 话术, 规范); empty means faq");
  }
  if (std::find(std::begin(kb::kAudiences), std::end(kb::kAudiences), e.audience) == std::end(kb::kAudiences))
    fail("audience", "unknown audience '" + one_line(cell("audience")) + "'",
         "use public (公开: the website's widget) or internal (内部: agents only); empty means public");
  if (!e.channel.empty() &&
      std::find(std::begin(kb::kChannels), std::end(kb::kChannels), e.channel) == std::end(kb::kChannels))
    fail("channel", "unknown channel '" + one_line(cell("channel")) + "'", "use phone (电话) or chat (在线)");
  // An unknown {{placeholder}} in the answer, as check refuses it.
  std::vector<kb::ContentIssue> placeholders;
  kb::check_placeholders(e, placeholders);
  for (const auto& i : placeholders)
    if (i.severity == kb::Severity::Error) fail("answer", i.message, i.hint);
  if (!d.id_source.empty() && !kb::is_valid_id(d.id_source))
    fail("id", "id '" + d.id_source + "' may hold only a-z, 0-9 and '-'",
         "leave it empty to have one made, or use lower-case letters, digits and '-'");
}

/// Ids for the drafts: the given one, else a slug of an English title, else
/// the fallback; -2, -3 … where one is taken. `taken` holds the ids already in the folder.
void assign_ids(std::vector<Draft>& drafts, std::set<std::string> taken, std::vector<Problem>& problems) {
  std::map<std::string, const Draft*> given;
  for (const auto& d : drafts) {
    if (d.id_source.empty() || !kb::is_valid_id(d.id_source)) continue;
    auto [it, fresh] = given.emplace(d.id_source, &d);
    const std::string col = d.columns.count("id") ? d.columns.at("id") + ": " : "";
    if (!fresh)
      problems.push_back(
          {d.where + ": " + col + "duplicate id '" + d.id_source + "', also in " + it->second->where, "",
           "ids are unique; leave it empty to have one made", d.order});
    else if (taken.count(d.id_source))
      problems.push_back({d.where + ": " + col + "id '" + d.id_source + "' is already an entry of the folder",
                          "", "change the id, or leave it empty to have one made", d.order});
  }
  for (const auto& [id, d] : given) taken.insert(id);
  for (auto& d : drafts) {
    if (!d.id_source.empty()) {
      d.entry.id = d.id_source;
      continue;
    }
    const bool english = std::all_of(d.entry.title.begin(), d.entry.title.end(),
                                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    std::string base = english ? slug(d.entry.title) : "";
    if (base.size() < 3) base = d.fallback_id;
    std::string id = base;
    for (int n = 2; taken.count(id); ++n) id = base + "-" + std::to_string(n);
    taken.insert(id);
    d.entry.id = id;
  }
}

/// The same phrasing, or the same standard question, in two rows.
void check_duplicates(const std::vector<Draft>& drafts, std::vector<Problem>& problems) {
  std::map<std::string, const Draft*> phrasings, titles;
  for (const auto& d : drafts) {
    auto col = [&](const char* field) {
      auto it = d.columns.find(field);
      return it == d.columns.end() ? std::string() : it->second + ": ";
    };
    if (auto key = kb::question_key(d.entry.title); !key.empty()) {
      auto [it, fresh] = titles.emplace(key, &d);
      if (!fresh)
        problems.push_back({d.where + ": " + col("title") + "duplicate question '" + d.entry.title +
                                "', also in " + it->second->where,
                            "", "keep one row for each question; merge the two rows' answers", d.order});
    }
    for (const auto& q : d.entry.questions) {
      auto key = kb::question_key(q);
      if (key.empty()) continue;
      auto [it, fresh] = phrasings.emplace(key, &d);
      if (!fresh && it->second != &d &&
          !(d.questions_from_title && kb::question_key(it->second->entry.title) == key))
        problems.push_back({d.where + ": " + col(d.questions_from_title ? "title" : "questions") +
                                "duplicate question '" + q + "', also in " + it->second->where,
                            "", "a phrasing belongs to one entry: keep it in the row that answers it",
                            d.order});
    }
  }
}

// ---- the sources
// -------------------------------------------------------------------------------------------

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

/// Rows of a CSV or XLSX table, the first holding the headers.
std::vector<Draft> read_table(const std::string& path, const Table& table, std::vector<Problem>& problems) {
  const std::string name = file_name(path);
  for (const auto& p : table.problems)
    problems.push_back({name + (p.line ? ":" + std::to_string(p.line) : "") + ": " + p.message, "", ""});
  if (!table.problems.empty()) return {};
  if (table.rows.empty()) {
    problems.push_back({name + ": the file is empty", "",
                        "the first row names the columns: 标准问题, 相似问题, 答案, 分类, …"});
    return {};
  }
  // The headers' row: the first that names a question and an answer column, so that a title row above
  // them, as templates often have, is skipped; the first row when none does.
  std::size_t header_row = 0;
  for (std::size_t r = 0; r < std::min<std::size_t>(table.rows.size(), 5); ++r) {
    std::set<std::string> fields;
    for (const auto& cell : table.rows[r].cells) fields.insert(header_field(cell));
    if (fields.count("title") && fields.count("answer")) {
      header_row = r;
      break;
    }
  }
  const TableRow& head = table.rows[header_row];
  std::map<std::string, std::size_t> column;  // field -> index
  std::map<std::string, std::string> column_name;
  for (std::size_t i = 0; i < head.cells.size(); ++i) {
    const std::string header = trim(head.cells[i]);
    if (header.empty()) continue;
    const std::string field = header_field(header);
    const std::string where = name + ":" + std::to_string(head.number) + ": column " + header;
    if (field.empty()) {
      std::cerr << "kb-indexer: " << where << ": not a column of the template; it is not imported\n";
    } else if (column.count(field)) {
      problems.push_back(
          {where + ": says the same as column " + column_name[field], "", "keep one of the two columns"});
    } else {
      column[field] = i;
      column_name[field] = "column " + header;
    }
  }
  for (const auto& [field, what] : std::vector<std::pair<std::string, std::string>>{
           {"title", "标准问题 (question, title)"}, {"answer", "答案 (answer)"}})
    if (!column.count(field))
      problems.push_back({name + ":" + std::to_string(head.number) + ": no column " + what, "",
                          "the first row names the columns: 标准问题, 相似问题, 答案, 分类, 受众, 类型"});
  if (!problems.empty()) return {};

  std::vector<Draft> drafts;
  for (std::size_t r = header_row + 1; r < table.rows.size(); ++r) {
    const TableRow& row = table.rows[r];
    std::map<std::string, std::string> cells;
    bool any = false;
    for (const auto& [field, i] : column) {
      cells[field] = i < row.cells.size() ? row.cells[i] : "";
      any = any || !trim(cells[field]).empty();
    }
    if (!any) continue;  // a blank row
    Draft d;
    d.where = name + ":" + std::to_string(row.number);
    d.order = drafts.size() + 1;
    d.columns = column_name;
    fill(d, cells, problems);
    const std::string category = slug(d.entry.category);
    d.fallback_id = (category.size() >= 3 ? category : d.entry.type) + "-" + std::to_string(row.number);
    drafts.push_back(std::move(d));
  }
  return drafts;
}

/// A name given as text or as an object with "name".
std::string name_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_object() && v.contains("name") && v["name"].is_string()) return v["name"].get<std::string>();
  return "";
}

std::string scalar_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return "";
}

/// A help centre's articles: {"articles": [...]} (Zendesk's export) or an array of them.
std::vector<Draft> read_articles(const std::string& path, std::vector<Problem>& problems,
                                 std::size_t& drafts_skipped, std::size_t& restricted) {
  const std::string name = file_name(path);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    problems.push_back({name + ": not valid JSON: " + e.what(), "", "export the articles as JSON, UTF-8"});
    return {};
  }
  const nlohmann::json* articles = doc.is_array() ? &doc : nullptr;
  if (doc.is_object() && doc.contains("articles") && doc["articles"].is_array()) articles = &doc["articles"];
  if (!articles) {
    problems.push_back(
        {name + ": no articles", "", "the file holds {\"articles\": [...]} or an array of articles"});
    return {};
  }
  // Zendesk sideloads sections and categories (?include=sections,categories): names for ids.
  std::map<std::string, std::string> sections, categories;
  for (const char* list : {"sections", "categories"})
    if (doc.is_object() && doc.contains(list) && doc[list].is_array())
      for (const auto& s : doc[list])
        if (s.is_object() && s.contains("id"))
          (list[0] == 's' ? sections : categories)[scalar_text(s["id"])] = name_of(s);

  std::vector<Draft> drafts;
  std::size_t n = 0;
  for (const auto& a : *articles) {
    ++n;
    Draft d;
    d.where = name + ": article " + std::to_string(n);
    d.order = n;
    if (!a.is_object()) {
      problems.push_back({d.where + ": not an object", "", ""});
      continue;
    }
    const std::string article_id = a.contains("id") ? scalar_text(a["id"]) : "";
    if (!article_id.empty()) d.where += " (id " + article_id + ")";
    if (a.value("draft", false) == true) {
      ++drafts_skipped;
      continue;
    }
    auto text = [&](const char* key) { return a.contains(key) ? scalar_text(a[key]) : std::string(); };
    std::map<std::string, std::string> cells;
    cells["title"] = text("title");
    cells["answer"] = html_to_markdown(text("body"));
    std::string category;
    for (const char* key : {"category", "section"})
      if (category.empty() && a.contains(key)) category = name_of(a[key]);
    if (category.empty() && a.contains("section_id")) {
      const std::string sid = scalar_text(a["section_id"]);
      category = sections.count(sid) ? sections[sid] : "";
    }
    cells["category"] = category;
    for (const char* key : {"audience", "type"}) cells[key] = text(key);
    // Zendesk: an article seen only by a user segment (signed-in users, agents)
    // has a user_segment_id; everyone's has null. Such an article must never
    // reach the public site, so it is internal unless the file says otherwise.
    if (cells["audience"].empty() && a.contains("user_segment_id") && !a["user_segment_id"].is_null()) {
      cells["audience"] = "internal";
      ++restricted;
    }
    std::vector<std::string> labels;
    if (a.contains("label_names") && a["label_names"].is_array())
      for (const auto& l : a["label_names"])
        if (l.is_string()) labels.push_back(l.get<std::string>());
    cells["tags"] = joined_lines(labels);
    if (a.contains("questions") && a["questions"].is_array()) {
      std::vector<std::string> qs;
      for (const auto& q : a["questions"])
        if (q.is_string()) qs.push_back(q.get<std::string>());
      cells["questions"] = joined_lines(qs);
    }
    d.columns = {{"title", "field title"}, {"answer", "field body"},       {"category", "field category"},
                 {"type", "field type"},   {"audience", "field audience"}, {"questions", "field questions"}};
    fill(d, cells, problems);
    const bool digits =
        !article_id.empty() && article_id.find_first_not_of("0123456789") == std::string::npos;
    d.fallback_id = digits ? "article-" + article_id : d.entry.type + "-" + std::to_string(n);
    drafts.push_back(std::move(d));
  }
  return drafts;
}

// ---- writing
// ------------------------------------------------------------------------------------------------

/// The entry files under DIR, documentation left out.
std::vector<fs::path> entry_files(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& de : fs::recursive_directory_iterator(dir))
    if (de.is_regular_file() && de.path().extension() == ".md" && !is_documentation(de.path()))
      files.push_back(de.path());
  return files;
}

/// A folder next to `out` (so a rename moves it into place), removed unless kept.
class Staging {
 public:
  explicit Staging(const fs::path& out) {
    fs::path parent = fs::absolute(out).parent_path();
    fs::create_directories(parent);
    std::string tmpl = (parent / ("." + fs::absolute(out).filename().string() + ".import-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data())) throw CliError(3, "cannot create a folder in " + parent.string());
    path_ = tmpl;
  }
  ~Staging() {
    std::error_code ec;
    if (!kept_) fs::remove_all(path_, ec);
  }
  Staging(const Staging&) = delete;
  Staging& operator=(const Staging&) = delete;
  const fs::path& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  fs::path path_;
  bool kept_ = false;
};

/// Every problem, row by row, then that nothing was written; exit code 1.
int report(std::vector<Problem> problems, const ImportOptions& o) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.order < b.order; });
  for (const auto& p : problems) {
    std::cerr << p.where << (p.message.empty() ? "" : ": " + p.message) << "\n";
    if (!p.hint.empty()) std::cerr << "  hint: " << p.hint << "\n";
  }
  std::cerr << "kb-indexer: " << problems.size() << " problem(s) in " << file_name(o.file)
            << "; nothing was written to " << o.out << "\n";
  return 1;
}

}  // namespace

std::string type_folder(const std::string& type) { return type == "faq" ? "faq" : type + "s"; }

std::string format_entry(const kb::Entry& e) {
  std::string out = "---\n";
  auto field = [&](const char* name, const std::string& v) {
    if (!v.empty()) out += std::string(name) + ": " + scalar(v) + "\n";
  };
  auto list = [&](const char* name, const std::vector<std::string>& items) {
    if (items.empty()) return;
    out += std::string(name) + ":\n";
    for (const auto& i : items) out += "  - " + scalar(i) + "\n";
  };
  // Short lists on one line, as editors write tags and related ids, when no item needs quotes.
  auto inline_list = [&](const char* name, const std::vector<std::string>& items) {
    const bool plain = std::none_of(items.begin(), items.end(), [](const std::string& i) {
      return i.find_first_of(",[]\"'#") != std::string::npos;
    });
    if (!plain) return list(name, items);
    if (items.empty()) return;
    out += std::string(name) + ": [";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    out += "]\n";
  };
  field("id", e.id);
  field("type", e.type);
  field("title", e.title);
  field("audience", e.audience);
  field("category", e.category);
  field("channel", e.channel);
  field("situation", e.situation);
  inline_list("tags", e.tags);
  list("questions", e.questions);
  inline_list("related", e.related);
  return out + "---\n" + e.body + "\n";
}

const std::vector<std::string>& template_headers() {
  static const std::vector<std::string> headers = {"标准问题", "相似问题", "答案", "分类", "受众", "类型",
                                                   "标签",     "相关",     "渠道", "场景", "id"};
  return headers;
}

std::vector<std::string> template_row(const kb::Entry& e) {
  return {e.title,
          joined_lines(e.questions),
          e.body,
          e.category,
          e.audience,
          e.type,
          joined_lines(e.tags),
          joined_lines(e.related),
          e.channel,
          e.situation,
          e.id};
}

std::string header_field(const std::string& header) {
  static const std::map<std::string, std::string> fields = {{"标准问题", "title"},
                                                            {"问题", "title"},
                                                            {"标题", "title"},
                                                            {"question", "title"},
                                                            {"title", "title"},
                                                            {"相似问题", "questions"},
                                                            {"相似问法", "questions"},
                                                            {"similar questions", "questions"},
                                                            {"similar", "questions"},
                                                            {"questions", "questions"},
                                                            {"答案", "answer"},
                                                            {"回答", "answer"},
                                                            {"answer", "answer"},
                                                            {"分类", "category"},
                                                            {"类别", "category"},
                                                            {"category", "category"},
                                                            {"受众", "audience"},
                                                            {"audience", "audience"},
                                                            {"类型", "type"},
                                                            {"type", "type"},
                                                            {"标签", "tags"},
                                                            {"tags", "tags"},
                                                            {"相关", "related"},
                                                            {"相关条目", "related"},
                                                            {"related", "related"},
                                                            {"渠道", "channel"},
                                                            {"channel", "channel"},
                                                            {"场景", "situation"},
                                                            {"situation", "situation"},
                                                            {"id", "id"},
                                                            {"编号", "id"}};
  std::string key = lower(one_line(header));
  if (key.substr(0, 3) == "\xEF\xBB\xBF") key.erase(0, 3);
  auto it = fields.find(key);
  return it == fields.end() ? "" : it->second;
}

std::vector<std::string> split_phrasings(const std::string& cell) {
  const std::string text = answer_text(cell);
  if (text.find('\n') != std::string::npos) return split_at(text, {"\n"});
  return split_at(text, {"|", "；", ";"});
}

int import_file(const ImportOptions& o) {
  const fs::path out = o.out;
  const std::string ext = lower(fs::path(o.file).extension().string());
  if (ext != ".csv" && ext != ".xlsx" && ext != ".json")
    throw CliError(2, "cannot import " + o.file + ": use a .csv, .xlsx or .json file");
  if (fs::exists(out) && !fs::is_directory(out)) throw CliError(2, out.string() + " is a file, not a folder");
  const auto existing = entry_files(out);
  if (!existing.empty() && !o.merge)
    throw CliError(2, out.string() + " already holds " + std::to_string(existing.size()) +
                          " entries; import into a new or empty folder, or give --merge to add the imported "
                          "entries to them");
  std::set<std::string> taken;
  for (const auto& f : existing) taken.insert(f.stem().string());

  std::vector<Problem> problems;
  std::size_t skipped = 0, restricted = 0;
  std::vector<Draft> drafts;
  if (ext == ".json")
    drafts = read_articles(o.file, problems, skipped, restricted);
  else
    drafts = read_table(o.file, ext == ".csv" ? read_csv(read_file(o.file)) : read_xlsx(o.file), problems);
  if (problems.empty() && drafts.empty())
    problems.push_back({file_name(o.file) + ": nothing to import", "",
                        "the file has no rows (or articles) below its headers"});
  assign_ids(drafts, taken, problems);
  check_duplicates(drafts, problems);

  if (!problems.empty()) return report(problems, o);

  // Every entry, with the folder's, as `check` reads them; written only when all pass.
  Staging staging(out);
  if (fs::is_directory(out))
    fs::copy(out, staging.path(), fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  std::map<std::string, const Draft*> by_file;
  std::vector<fs::path> written;
  for (const auto& d : drafts) {
    const fs::path rel = fs::path(type_folder(d.entry.type)) / (d.entry.id + ".md");
    fs::create_directories(staging.path() / rel.parent_path());
    std::ofstream f(staging.path() / rel, std::ios::binary);
    f << format_entry(d.entry);
    if (!f.flush()) throw CliError(3, "cannot write " + (staging.path() / rel).string());
    by_file[(staging.path() / rel).string()] = &d;
    written.push_back(rel);
  }
  Content c = load_content(staging.path());
  std::size_t warnings = 0;
  // Messages name the folder, not the staging copy of it.
  auto unstaged = [&](std::string text) {
    const std::string from = staging.path().string();
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at))
      text.replace(at, from.size(), out.string());
    return text;
  };
  for (const auto& i : c.issues) {
    if (i.severity != kb::Severity::Error) {
      ++warnings;
      continue;
    }
    auto d = by_file.find(i.file);
    problems.push_back(
        {d != by_file.end() ? d->second->where : unstaged(i.file) + ":" + std::to_string(i.line),
         unstaged(i.message), i.hint, d != by_file.end() ? d->second->order : 0});
  }
  if (!problems.empty()) return report(problems, o);
  if (!fs::exists(out)) {
    const mode_t mask = ::umask(0);  // mkdtemp made the folder for its owner only
    ::umask(mask);
    fs::permissions(staging.path(), static_cast<fs::perms>(0777 & ~mask));
    fs::rename(staging.path(), out);
    staging.keep();
  } else {
    for (const auto& rel : written) {
      fs::create_directories((out / rel).parent_path());
      fs::rename(staging.path() / rel, out / rel);
    }
  }
  std::cout << "kb-indexer: " << drafts.size() << (drafts.size() == 1 ? " entry" : " entries")
            << " written to " << out.string() << " from " << file_name(o.file);
  if (skipped) std::cout << " (" << skipped << " draft(s) skipped)";
  if (restricted) std::cout << "; " << restricted << " article(s) restricted to a user segment are internal";
  if (warnings) std::cout << "; kb-indexer check " << out.string() << " lists " << warnings << " warning(s)";
  std::cout << "\n";
  return 0;
}

}  // namespace cli
