#pragma once
// Warnings about weak content: things that do not stop a build but make the
// bot worse; and errors about placeholders the widget cannot fill in.
// `kb-indexer check` and `kb-indexer build` print them.
#include <string>
#include <string_view>
#include <vector>

#include "kb/engine.hpp"
#include "kb/entry.hpp"
#include "kb/synonyms.hpp"

namespace kb {

/// The placeholders answer text may hold, {{phone}} and so on: the widget
/// fills them in with the site's contacts (web/src/shared/placeholders.js).
inline constexpr std::string_view kPlaceholders[] = {"phone", "email", "hours"};

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

/// Errors for each placeholder in `entry`'s answer text that the widget does
/// not fill in: a name between {{ and }} other than phone, email and hours
/// ({{fax}}, {{电话}}), or one of them written otherwise ({{ phone }},
/// {{Phone}}: the widget replaces only the exact form). Braces around
/// anything but a name (code, a template injection) are left alone: the
/// widget shows them as typed.
void check_placeholders(const Entry& entry, std::vector<ContentIssue>& out);

/// Phrasings that `engine` would answer with another entry, or could not tell
/// apart from one: the same question would match both. `entries` are those in
/// the engine's index.
void find_collisions(const Engine& engine, const std::vector<const Entry*>& entries,
                     std::vector<ContentIssue>& out);

}  // namespace kb
