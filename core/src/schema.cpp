#include "kb/schema.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "kb/text.hpp"

namespace kb::schema {

nlohmann::json entry_to_json(const Entry& e) {
  nlohmann::json j = {{"id", e.id},
                      {"type", e.type},
                      {"title", e.title},
                      {"audience", e.audience},
                      {"category", e.category},
                      {"tags", e.tags},
                      {"text", e.body}};
  if (!e.questions.empty()) j["questions"] = e.questions;
  if (!e.related.empty()) j["related"] = e.related;
  if (!e.channel.empty()) j["channel"] = e.channel;
  if (!e.situation.empty()) j["situation"] = e.situation;
  return j;
}

namespace {

unsigned index_field(Xapian::Document& doc, const std::string& text, unsigned pos, Xapian::termcount wdf,
                     bool question_field, const Synonyms& synonyms) {
  unsigned last = pos;
  for (const auto& t : analyze(text, pos, &synonyms)) {
    doc.add_posting(t.term, t.position, wdf);
    if (question_field) doc.add_posting(kQuestionPrefix + t.term, t.position, wdf);
    last = t.position;
  }
  return last + kFieldGap;
}

/// Latin words of at least 3 letters, for "did you mean" on typos (warrenty -> warranty).
void add_spellings(Xapian::WritableDatabase& db, const Entry& e) {
  std::string all = e.title + "\n" + e.category + "\n" + e.situation + "\n" + e.body;
  for (const auto& q : e.questions) all += "\n" + q;
  for (const auto& t : e.tags) all += "\n" + t;
  for (const Word& w : latin_words(utf8_decode(all))) {
    bool letters = std::all_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (w.text.size() >= 3 && letters) db.add_spelling(w.text);
  }
}

}  // namespace

Xapian::Document make_document(const Entry& e, const Synonyms& synonyms) {
  Xapian::Document doc;
  doc.set_data(entry_to_json(e).dump());
  doc.add_boolean_term(kIdPrefix + e.id);
  doc.add_boolean_term(kTypePrefix + e.type);
  doc.add_boolean_term(kAudiencePrefix + e.audience);
  doc.add_boolean_term(kCategoryPrefix + normalize_text(e.category));
  doc.add_value(kSlotType, e.type);
  doc.add_value(kSlotCategory, e.category);
  if (!e.channel.empty()) {
    doc.add_boolean_term(kChannelPrefix + normalize_text(e.channel));
    doc.add_value(kSlotChannel, e.channel);
  }

  unsigned pos = index_field(doc, e.title, 1, kTitleWdf, true, synonyms);
  for (const auto& q : e.questions) pos = index_field(doc, q, pos, kTitleWdf, true, synonyms);
  for (const auto& t : e.tags) pos = index_field(doc, t, pos, kBodyWdf, false, synonyms);
  pos = index_field(doc, e.category, pos, kBodyWdf, false, synonyms);
  if (!e.situation.empty()) pos = index_field(doc, e.situation, pos, kTitleWdf, true, synonyms);
  index_field(doc, e.body, pos, kBodyWdf, false, synonyms);
  return doc;
}

std::uintmax_t build_database(const std::vector<const Entry*>& entries, const Synonyms& synonyms,
                              const std::string& scratch_dir, const std::string& out_file, int block_size) {
  {
    Xapian::WritableDatabase db(scratch_dir, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    db.set_metadata(kFormatKey, std::to_string(kFormatVersion));
    db.set_metadata(kSynonymsKey, synonyms.source());
    for (const Entry* e : entries) {
      db.replace_document(kIdPrefix + e->id, make_document(*e, synonyms));
      add_spellings(db, *e);
    }
    db.commit();
    db.compact(out_file, Xapian::DBCOMPACT_SINGLE_FILE, block_size);
  }
  struct stat st {};
  if (::stat(out_file.c_str(), &st) != 0) throw std::runtime_error("compacted database missing: " + out_file);
  return static_cast<std::uintmax_t>(st.st_size);
}

}  // namespace kb::schema
