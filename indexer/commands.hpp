#pragma once
// kb-indexer's commands, one file each (cmd_<name>.cpp): each adds its
// subcommand, with its options and help, to `app`; when the subcommand is
// the one given, running it sets `status` to the exit code.
#include <CLI/CLI.hpp>

namespace cli {

void add_check(CLI::App& app, int& status);
void add_build(CLI::App& app, int& status);
void add_watch(CLI::App& app, int& status);
void add_test(CLI::App& app, int& status);
void add_gaps(CLI::App& app, int& status);
void add_ask(CLI::App& app, int& status);
void add_search(CLI::App& app, int& status);
void add_eval(CLI::App& app, int& status);
void add_import(CLI::App& app, int& status);
void add_export(CLI::App& app, int& status);

}  // namespace cli
