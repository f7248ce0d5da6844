#pragma once
// The options several kb-indexer commands share, defined once for CLI11, and
// the checked numbers that every command's options use.
#include <CLI/CLI.hpp>
#include <string>

namespace cli {

/// --json: the command prints one JSON document instead of text.
void add_json_flag(CLI::App& command, bool& json);

/// --index DIR: the folder `kb-indexer build` wrote (or one audience's part of it).
CLI::Option* add_index_option(CLI::App& command, std::string& dir, const std::string& what);

/// A whole number from `low` to `high`. A bad value is refused with
/// "OPTION takes UNIT, LOW to HIGH" ("OPTION takes a number from LOW to
/// HIGH" without a unit), and help shows the range.
CLI::Validator whole_number(long low, long high, const std::string& unit = "");

/// What a parse error says, as kb-indexer words it: CLI11 writes a
/// validator's message as "OPTION: message"; this joins the two.
std::string parse_error_message(const CLI::ParseError& e);

}  // namespace cli
