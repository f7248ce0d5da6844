#pragma once
// Synonym groups from kb-content/synonyms.txt. Every variant is rewritten to
// its group's first word before analysis, at index time and at query time, so
// 要钱, 付费 and 收费 become the same terms everywhere.
#include <string>
#include <unordered_map>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/entry.hpp"

namespace kb {

class Synonyms {
 public:
  Synonyms() = default;
  /// Parses "canonical variant variant …" lines; '#' starts a comment.
  /// Problems (a word in two groups, a one-word group) go to `issues`.
  static Synonyms parse(std::string_view text, const std::string& file, std::vector<ContentIssue>& issues);

  /// Rewrites variants in already-normalised text to their canonical word.
  /// Latin variants match whole words only; the longest variant wins.
  std::u32string apply(std::u32string_view folded) const;

  /// The groups as text, one per line and without comments, for storing in
  /// the index (parse() reads it back).
  const std::string& source() const { return source_; }
  std::size_t group_count() const { return groups_.size(); }

  struct Group {
    unsigned line;                      // in the synonyms file
    std::vector<std::u32string> words;  // normalised; the first is canonical
  };
  const std::vector<Group>& groups() const { return groups_; }

 private:
  std::vector<std::pair<std::u32string, std::u32string>> rules_;  // variant -> canonical, longest first
  // rules_ indices by a variant's first character, longest first: apply() runs on
  // every question and every candidate phrasing, so it must not try every rule.
  std::unordered_map<char32_t, std::vector<std::size_t>> by_first_;
  std::string source_;
  std::vector<Group> groups_;
};

}  // namespace kb
