#include "html_markdown.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "kb/entry.hpp"
#include "xml_text.hpp"

namespace cli {

namespace {

bool named(const xmlNode* n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0) return true;
  return false;
}

std::string attribute(const xmlNode* n, const char* name) {
  return take_xml_text(xmlGetProp(n, reinterpret_cast<const xmlChar*>(name)));
}

/// Writes Markdown block by block: text is collapsed as HTML collapses it,
/// and each new line starts with the prefix of the lists and quotes it is in.
class Writer {
 public:
  std::string finish() {
    newline();
    std::string out;
    for (auto& line : lines_) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
      const bool blank = line.find_first_not_of(" >") == std::string::npos;
      if (blank && (out.empty() || (out.size() >= 2 && out.compare(out.size() - 2, 2, "\n\n") == 0)))
        continue;
      out += (blank ? "" : line) + "\n";
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

  void walk(const xmlNode* n) {
    for (; n; n = n->next) walk_one(n);
  }

 private:
  void element(const xmlNode* n) {
    if (named(n, {"script", "style", "template", "noscript", "iframe", "object", "embed", "head", "title",
                  "svg", "math", "form", "button", "select", "textarea", "canvas", "video", "audio"}))
      return;
    if (named(n, {"br"})) return newline();
    if (named(n, {"hr"})) return paragraph();
    if (named(n, {"img"})) return text(attribute(n, "alt"));
    if (named(n, {"strong", "b"})) return wrap(n, "**");
    if (named(n, {"em", "i"})) return wrap(n, "*");
    if (named(n, {"a"})) return link(n);
    if (named(n, {"h1", "h2", "h3", "h4", "h5", "h6"})) {
      paragraph();
      line_ += std::string(static_cast<std::size_t>(n->name[1] - '0'), '#') + " ";
      walk(n->children);
      return paragraph();
    }
    if (named(n, {"ul", "ol"})) return list(n);
    if (named(n, {"blockquote"})) {
      paragraph();
      prefixes_.push_back("> ");
      walk(n->children);
      paragraph();
      prefixes_.pop_back();
      return paragraph();
    }
    if (named(n, {"pre"})) {
      paragraph();
      ++pre_;
      walk(n->children);
      --pre_;
      return paragraph();
    }
    if (named(n, {"tr", "dt", "dd", "caption", "figcaption"})) {
      newline();
      walk(n->children);
      return newline();
    }
    if (named(n, {"td", "th"})) {
      if (line_.size() > prefix().size()) text(" ");
      return walk(n->children);
    }
    if (named(n, {"p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "table",
                  "figure", "details", "summary", "address", "dl", "li", "body", "html"})) {
      paragraph();
      walk(n->children);
      return paragraph();
    }
    walk(n->children);  // span, font, u, code, small, and the like: their text
  }

  /// <strong>: "**text**" around the text, the spaces kept outside so Markdown sees the emphasis.
  void wrap(const xmlNode* n, const char* mark) {
    Writer inner;
    inner.pre_ = pre_;
    inner.walk(n->children);
    std::string t = inner.finish();
    for (auto& c : t)
      if (c == '\n') c = ' ';
    const auto b = t.find_first_not_of(' ');
    if (b == std::string::npos) return text(t);
    const auto e = t.find_last_not_of(' ');
    if (b > 0) text(" ");
    raw(mark + t.substr(b, e - b + 1) + mark);
    if (e + 1 < t.size()) text(" ");
  }

  /// A link an entry may hold as [text](target); any other keeps its text.
  void link(const xmlNode* n) {
    const std::string href = attribute(n, "href");
    Writer inner;
    inner.walk(n->children);
    std::string t = inner.finish();
    for (auto& c : t)
      if (c == '\n') c = ' ';
    if (!kb::link_allowed(href) || href.find_first_of("()<> ") != std::string::npos || t.empty())
      return text(t);
    raw("[" + t + "](" + href + ")");
  }

  /// <ul> and <ol>: "- " and "1. " items; a nested list is indented under its item.
  void list(const xmlNode* n) {
    const bool nested = !prefixes_.empty() && prefixes_.back() != "> ";
    nested ? newline() : paragraph();
    const bool ordered = named(n, {"ol"});
    int number = 1;
    for (const xmlNode* item = n->children; item; item = item->next) {
      if (item->type != XML_ELEMENT_NODE) continue;
      if (!named(item, {"li"})) {
        walk_one(item);
        continue;
      }
      newline();
      const std::string marker = ordered ? std::to_string(number++) + ". " : "- ";
      line_ += marker;
      prefixes_.push_back(std::string(marker.size(), ' '));
      // The item's paragraphs become lines of the item.
      for (const xmlNode* c = item->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && named(c, {"p", "div"})) {
          newline();
          walk(c->children);
          newline();
        } else {
          walk_one(c);
        }
      }
      prefixes_.pop_back();
      newline();
    }
    nested ? newline() : paragraph();
  }

  void walk_one(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
      text(reinterpret_cast<const char*>(n->content));
    else if (n->type == XML_ELEMENT_NODE)
      element(n);
  }

  std::string prefix() const {
    std::string p;
    for (const auto& s : prefixes_) p += s;
    return p;
  }

  bool at_line_start() const {
    return line_ == prefix() || line_.find_first_not_of(' ') == std::string::npos;
  }

  void newline() {
    if (!at_line_start() && line_.find_first_not_of(" >") != std::string::npos) lines_.push_back(line_);
    line_ = prefix();
  }

  void paragraph() {
    newline();
    if (!lines_.empty() && lines_.back().find_first_not_of(" >") != std::string::npos) lines_.push_back("");
  }

  /// Markdown as it is: emphasis and link marks.
  void raw(const std::string& s) {
    if (line_.empty()) line_ = prefix();
    line_ += s;
  }

  /// Text, with white space collapsed (except in <pre>) and what Markdown
  /// would read as marks escaped.
  void text(const std::string& s) {
    if (line_.empty()) line_ = prefix();
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (pre_ > 0 && c == '\n') {
        newline();
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        if (pre_ > 0)
          line_ += ' ';
        else if (!at_line_start() && line_.back() != ' ')
          line_ += ' ';
        continue;
      }
      if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
          static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        ++i;  // &nbsp;
        if (!at_line_start() && line_.back() != ' ') line_ += ' ';
        continue;
      }
      if (c == '\\' || c == '*' || c == '_' || c == '[' || c == ']' || c == '`' || c == '<' || c == '>')
        line_ += '\\';
      else if (at_line_start() && (c == '#' || c == '-' || c == '+' || c == '='))
        line_ += '\\';
      else if (c == '.' && at_line_start_number())
        line_ += '\\';
      line_ += c;
    }
  }

  /// Whether the line so far is its prefix and digits: "1." would start a numbered list.
  bool at_line_start_number() const {
    const std::string p = prefix();
    if (line_.size() <= p.size() || line_.compare(0, p.size(), p) != 0) return false;
    return line_.find_first_not_of("0123456789", p.size()) == std::string::npos;
  }

  std::vector<std::string> lines_;
  std::string line_;
  std::vector<std::string> prefixes_;
  int pre_ = 0;
};

}  // namespace

std::string html_to_markdown(std::string_view html) {
  if (html.empty()) return "";
  // NONET: never fetch anything; NOERROR/NOWARNING: real pages are rarely valid, and the parser mends them as
  // browsers do.
  std::unique_ptr<xmlDoc, void (*)(xmlDocPtr)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                     HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED),
      xmlFreeDoc);
  if (!doc) return "";
  Writer w;
  w.walk(doc->children);
  return w.finish();
}

}  // namespace cli
