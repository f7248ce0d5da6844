#include "kb/lint.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "kb/highlight.hpp"
#include "kb/text.hpp"

namespace kb {

namespace {

ContentIssue warning(const Entry& e, unsigned line, unsigned column, std::string message, std::string hint) {
  return {e.file, line, std::move(message), column, std::move(hint), Severity::Warning};
}

ContentIssue error(const Entry& e, unsigned line, unsigned column, std::string message, std::string hint) {
  return {e.file, line, std::move(message), column, std::move(hint), Severity::Error};
}

bool is_placeholder(std::string_view name) {
  return std::find(std::begin(kPlaceholders), std::end(kPlaceholders), name) != std::end(kPlaceholders);
}

std::string percent(double x) { return std::to_string(static_cast<int>(std::lround(x * 100))) + "%"; }

}  // namespace

void check_placeholders(const Entry& e, std::vector<ContentIssue>& out) {
  const std::string known = "{{phone}}, {{email}} or {{hours}}";
  // What an editor writes as a placeholder's name: letters (Chinese too), digits, _ . -
  // Anything else between braces, code or a template injection, is not one,
  // and the widget shows it as typed like any other text.
  auto name_like = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u >= 0x80 || std::isalnum(u) || c == '_' || c == '.' || c == '-';
    });
  };
  unsigned line = e.body_line;
  for (std::size_t start = 0; start <= e.body.size(); ++line) {
    std::size_t end = std::min(e.body.find('\n', start), e.body.size());
    const std::string_view text = std::string_view(e.body).substr(start, end - start);
    for (std::size_t at = text.find("{{"); at != std::string_view::npos;) {
      const std::size_t close = text.find("}}", at + 2);
      if (close == std::string_view::npos) break;
      const std::string name(text.substr(at + 2, close - at - 2));
      std::string bare = name;
      bare.erase(0, bare.find_first_not_of(" \t"));
      bare.erase(bare.find_last_not_of(" \t") + 1);
      if (!is_placeholder(name) && name_like(bare)) {
        const auto column = static_cast<unsigned>(utf8_decode(text.substr(0, at)).size() + 1);
        std::string lower = bare;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.push_back(
            is_placeholder(lower)
                ? error(e, line, column, "placeholder '{{" + name + "}}' must be written '{{" + lower + "}}'",
                        "write {{" + lower + "}}: lower case, no spaces; the widget fills in only that form")
                : error(e, line, column, "unknown placeholder '{{" + name + "}}'",
                        "use " + known +
                            ", which the widget fills in with the site's contacts; anything else is shown "
                            "to visitors as typed"));
      }
      at = text.find("{{", close + 2);
    }
    start = end + 1;
  }
}

void lint_entries(const std::vector<Entry>& entries, const Synonyms& synonyms,
                  const std::string& synonyms_file, std::vector<ContentIssue>& out,
                  const LintOptions& options) {
  std::set<std::string> ids;
  for (const auto& e : entries) ids.insert(e.id);
  std::u32string all_text;  // every entry's text, folded, for the synonym check

  for (const auto& e : entries) {
    if (e.type == "faq" && e.questions.size() < options.min_phrasings)
      out.push_back(
          warning(e, e.line_of("questions"), e.column_of("questions"),
                  "only " + std::to_string(e.questions.size()) + " phrasing(s); visitors ask in many ways",
                  "add at least " + std::to_string(options.min_phrasings) +
                      ": colloquial wording, traditional characters, common typos, English"));
    if (e.audience == "public") {
      std::size_t chars = plain_line(e.body).size();
      if (chars > options.max_answer_chars)
        out.push_back(
            warning(e, e.body_line, 1,
                    "the answer is " + std::to_string(chars) + " characters; the widget shows about " +
                        std::to_string(options.max_answer_chars) + " without scrolling",
                    "lead with the answer in a sentence or two, and move details to a related entry"));
    }
    // Links in the body, as the Markdown renderer found them: to another
    // entry (#/entry/<id>), or to http(s), mailto and tel.
    for (const auto& link : e.links) {
      const std::string& target = link.target;
      if (target.rfind(constants::kEntryLinkPrefix, 0) == 0) {
        std::string id = target.substr(constants::kEntryLinkPrefix.size());
        if (!ids.count(id)) {
          std::vector<std::string> all(ids.begin(), ids.end());
          std::string near = closest(id, all);
          out.push_back(warning(
              e, link.line, link.column, "link to entry '" + id + "', which does not exist",
              (near.empty() ? ""
                            : "did you mean '" + std::string(constants::kEntryLinkPrefix) + near + "'? ") +
                  "link to another entry as [text](#/entry/<id>)"));
        }
      } else if (!link_allowed(target)) {
        out.push_back(
            warning(e, link.line, link.column, "link target '" + target + "' is not allowed",
                    "use http(s)://, mailto:, tel: or #/entry/<id>; other links are shown as text"));
      }
    }
    all_text += utf8_decode(normalize_text(e.text()));
  }

  for (const auto& g : synonyms.groups()) {
    bool used = std::any_of(g.words.begin(), g.words.end(), [&](const std::u32string& w) {
      return all_text.find(w) != std::u32string::npos;
    });
    if (!used) {
      std::string words;
      for (const auto& w : g.words) words += (words.empty() ? "" : " ") + utf8_encode(w);
      out.push_back(
          {synonyms_file, g.line, "no entry uses any word of the group '" + words + "'", 1,
           "synonyms only help when the content holds one of the words: add it to an entry or drop the group",
           Severity::Warning});
    }
  }
}

void find_collisions(const Engine& engine, const std::vector<const Entry*>& entries,
                     std::vector<ContentIssue>& out) {
  for (const Entry* e : entries) {
    for (size_t i = 0; i < e->questions.size(); ++i) {
      const std::string& q = e->questions[i];
      AnswerResult r = engine.ask(q);
      // Requests for a person and small talk are decided before any entry is looked up.
      if (r.reason == Reason::AskedForHuman || r.reason == Reason::SmallTalk) {
        bool human = r.reason == Reason::AskedForHuman;
        out.push_back(warning(*e, e->question_lines[i], e->question_columns[i],
                              "'" + q + "' " +
                                  (human ? "asks to be put through to a person: the bot hands over at once"
                                         : "is small talk: the bot replies to it as such") +
                                  ", so it never reaches this entry",
                              human ? "keep phrasings that ask about the service (人工客服几点上班); the "
                                      "hand-over itself needs no entry"
                                    : "drop it, or add what the visitor wants to know"));
        continue;
      }
      if (r.candidates.empty()) continue;
      const Candidate& top = r.candidates[0];
      if (top.id != e->id) {
        out.push_back(warning(*e, e->question_lines[i], e->question_columns[i],
                              "'" + q + "' is answered by '" + top.id + "' (" + percent(top.confidence) +
                                  "), not by this entry",
                              "make the phrasing more specific, or move it to '" + top.id + "'"));
        continue;
      }
      // What the bot does decides, thresholds and all: it asks when it does not answer.
      if (r.decision != Decision::Answer && r.candidates.size() > 1) {
        const Candidate& other = r.candidates[1];
        out.push_back(warning(*e, e->question_lines[i], e->question_columns[i],
                              "'" + q + "' matches '" + other.id + "' almost as well (" +
                                  percent(other.confidence) + " vs " + percent(top.confidence) +
                                  "); the bot will ask which one is meant",
                              "reword it with what sets this entry apart from '" + other.id + "'"));
      }
    }
  }
}

}  // namespace kb
