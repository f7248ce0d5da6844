#pragma once
// Warnings about weak content: things that do not stop a build but make the
// bot worse. `kb-indexer check` and `kb-indexer build` print them.
#include <string>
#include <vector>

#include "kb/engine.hpp"
#include "kb/entry.hpp"
#include "kb/synonyms.hpp"

namespace kb {

struct LintOptions {
  std::size_t min_phrasings = 3;       // an FAQ with fewer is hard to find
  std::size_t max_answer_chars = 300;  // longer answers need scrolling in the widget's panel
};

/// FAQs with few phrasings, answers too long for the widget, links in bodies
/// that go nowhere or to disallowed schemes, and synonym groups that match no
/// entry. Appends warnings to `out`.
void lint_entries(const std::vector<Entry>& entries, const Synonyms& synonyms,
                  const std::string& synonyms_file, std::vector<ContentIssue>& out,
                  const LintOptions& options = {});

/// Phrasings that `engine` would answer with another entry, or could not tell
/// apart from one: the same question would match both. `entries` are those in
/// the engine's index.
void find_collisions(const Engine& engine, const std::vector<const Entry*>& entries,
                     std::vector<ContentIssue>& out);

}  // namespace kb
