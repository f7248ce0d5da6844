#include "kb/json_text.hpp"

#include <cmath>
#include <cstdio>

#include "kb/text.hpp"

namespace kb {

JsonWriter& JsonWriter::open(char c) {
  separate();
  out_ += c;
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::close(char c) {
  out_ += c;
  if (!first_.empty()) first_.pop_back();
  return *this;
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::key(std::string_view k) {
  value(k);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
  separate();
  out_ += '"';
  // Decoding and encoding again turns broken bytes into U+FFFD.
  for (char32_t c : utf8_decode(v)) {
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out_ += buf;
        } else if (c < 0x80) {
          out_ += static_cast<char>(c);
        } else {
          out_ += utf8_encode(std::u32string_view(&c, 1));
        }
    }
  }
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::value(double v) {
  if (!std::isfinite(v)) return null();
  separate();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  out_ += buf;
  return *this;
}

JsonWriter& JsonWriter::value(std::size_t v) {
  separate();
  out_ += std::to_string(v);
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  separate();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::strings(const std::vector<std::string>& list) {
  begin_array();
  for (const auto& s : list) value(s);
  return end_array();
}

void write_json(JsonWriter& w, const StoredEntry& e) {
  w.begin_object().field("id", e.id).field("type", e.type).field("title", e.title);
  w.field("audience", e.audience).field("category", e.category);
  w.key("tags").strings(e.tags);
  if (!e.text.empty()) w.field("text", e.text);
  if (!e.questions.empty()) w.key("questions").strings(e.questions);
  if (!e.related.empty()) w.key("related").strings(e.related);
  if (!e.channel.empty()) w.field("channel", e.channel);
  if (!e.situation.empty()) w.field("situation", e.situation);
  if (!e.html.empty()) w.field("html", e.html);
  w.end_object();
}

void write_json(JsonWriter& w, const std::vector<Segment>& segments) {
  w.begin_array();
  for (const auto& s : segments) w.begin_object().field("text", s.text).field("mark", s.mark).end_object();
  w.end_array();
}

std::string to_json(const StoredEntry& e) {
  JsonWriter w;
  write_json(w, e);
  return w.str();
}

namespace {

double round3(double v) { return std::round(v * 1000) / 1000; }

void write_candidates(JsonWriter& w, const std::vector<Candidate>& list, bool full) {
  w.begin_array();
  for (const auto& c : list) {
    w.begin_object().field("id", c.id);
    if (full) w.field("title", c.title).field("type", c.type);
    w.field("confidence", round3(c.confidence)).end_object();
  }
  w.end_array();
}

void write_explanation(JsonWriter& w, const Explanation& e) {
  const DecisionConfig& t = e.thresholds;
  w.begin_object().field("normalized", e.normalized);
  w.key("thresholds").begin_object();
  w.field("answer_min", t.answer_min).field("suggest_min", t.suggest_min);
  w.field("ambiguity_margin", t.ambiguity_margin).field("strong_match_min", t.strong_match_min);
  w.field("strong_match_margin", t.strong_match_margin).field("clear_winner_min", t.clear_winner_min);
  w.field("clear_winner_ratio", t.clear_winner_ratio).field("phrasing_share", t.phrasing_share);
  w.field("type_cue_bonus", t.type_cue_bonus).field("other_term_idf", t.other_term_idf);
  w.end_object();
  if (e.truncated_to_chars) w.field("truncated_to_chars", e.truncated_to_chars);
  if (!e.terms.empty()) {
    w.key("terms").begin_object();
    for (const auto& [k, v] : e.terms) w.field(k, v);
    w.end_object();
  }
  if (e.repeat_of_previous) w.field("repeat_of_previous", *e.repeat_of_previous);
  if (!e.candidates.empty()) {
    w.key("candidates").begin_array();
    for (const auto& c : e.candidates)
      w.begin_object()
          .field("id", c.id)
          .field("confidence", c.confidence)
          .field("best_phrasing", c.best_phrasing)
          .field("phrasing_score", c.phrasing_score)
          .field("coverage", c.coverage)
          .field("missing", c.missing)
          .field("bm25", c.bm25)
          .end_object();
    w.end_array();
  }
  w.end_object();
}

}  // namespace

std::string to_json(const AnswerResult& r, bool explain) {
  JsonWriter w;
  w.begin_object().field("decision", to_string(r.decision)).field("confidence", round3(r.confidence));
  w.field("reason", to_string(r.reason)).key("answer");
  if (r.answer)
    write_json(w, *r.answer);
  else if (!r.small_talk.empty())
    w.begin_object()
        .field("id", "")
        .field("type", "small-talk")
        .field("key", r.small_talk)
        .field("title", "")
        .field("text", "")
        .end_object();
  else
    w.null();
  w.key("suggestions");
  write_candidates(w, r.suggestions, true);
  w.key("candidates");
  write_candidates(w, r.candidates, false);
  if (r.offer_human) w.field("offer_human", true);
  if (explain) write_explanation(w.key("explanation"), r.explanation);
  w.end_object();
  return w.str();
}

std::string to_json(const SearchResult& r) {
  JsonWriter w;
  w.begin_object().field("total", r.total).field("relevant", r.relevant).key("hits").begin_array();
  for (const auto& h : r.hits) {
    w.begin_object().field("id", h.id).field("title", h.title).field("type", h.type).field("category", h.category);
    if (!h.channel.empty()) w.field("channel", h.channel);
    w.field("snippet", h.snippet).field("score", h.score).field("relevant", h.relevant);
    w.key("marks").begin_object().key("title");
    write_json(w, h.title_marks);
    w.key("snippet");
    write_json(w, h.snippet_marks);
    w.end_object().end_object();
  }
  w.end_array();
  if (r.has_facets) {
    w.key("facets").begin_object();
    for (const auto& [facet, counts] : r.facets) {
      w.key(facet).begin_object();
      for (const auto& [value, n] : counts) w.field(value, n);
      w.end_object();
    }
    w.end_object();
  }
  if (!r.did_you_mean.empty()) w.field("did_you_mean", r.did_you_mean);
  w.end_object();
  return w.str();
}

}  // namespace kb
