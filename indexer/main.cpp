// kb-indexer: validates kb-content/, builds the public and internal indexes,
// and lets editors see what the bot does with them. `ask` and `search` run
// the same engine the browser runs. Each command is in its own cmd_*.cpp;
// this file puts them together and maps every failure to its exit code.
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "cli.hpp"
#include "commands.hpp"
#include "kb/engine.hpp"
#include "kb/schema.hpp"
#include "options.hpp"

using namespace cli;

namespace {

const char* const kFooter =
    "An index DIR is a folder with manifest.json; for eval and test, the folder holding public/ and\n"
    "internal/. `kb-indexer COMMAND --help` tells more about each command.\n"
    "\n"
    "Exit codes: 0 ok, 1 invalid content (or warnings with --strict), 2 bad usage,\n"
    "3 could not read or write an index, 4 another build is writing the output, 130 interrupted.";

/// "kb-indexer: message", then, for a usage error, the help of the command it was for.
int fail(const CLI::App& app, int code, const std::string& message, bool usage) {
  std::cerr << "kb-indexer: " << message << "\n";
  if (usage) std::cerr << "\n" << app.help();
  return code;
}

/// The command line names a command: refuses none, and a word that is no command.
void check_command(CLI::App& app, int argc, char** argv) {
  if (argc < 2) throw usage_error("missing command");
  const std::string first = argv[1];
  if (first.rfind("-", 0) == 0) return;  // --help, --version, or an option CLI11 refuses
  auto named = app.get_subcommands([&](CLI::App* command) { return command->get_name() == first; });
  if (named.empty()) throw usage_error("unknown command '" + first + "'");
}

}  // namespace

int main(int argc, char** argv) {
  install_signal_handlers();
  CLI::App app("kb-indexer: validates the knowledge base's content, builds its indexes, and shows editors\n"
               "what the bot answers.",
               "kb-indexer");
  app.footer(kFooter);
  app.set_version_flag("--version", "kb-indexer " KB_VERSION " (index format " +
                                        std::to_string(kb::schema::kFormatVersion) + ", Xapian " +
                                        Xapian::version_string() + ")");
  app.require_subcommand(1);
  // An option given twice keeps its last value.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  int status = 0;
  add_check(app, status);
  add_build(app, status);
  add_watch(app, status);
  add_test(app, status);
  add_gaps(app, status);
  add_ask(app, status);
  add_search(app, status);
  add_eval(app, status);
  add_import(app, status);
  add_export(app, status);
  try {
    if (argc == 2 && std::string(argv[1]) == "help") {
      std::cout << app.help();
      return 0;
    }
    check_command(app, argc, argv);
    app.parse(argc, argv);
    return status;
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(app, 2, parse_error_message(e), true);
  } catch (const CliError& e) {
    return fail(app, e.code, e.what(), e.usage);
  } catch (const kb::IndexError& e) {
    return fail(app, 3, std::string("index error: ") + e.what(), false);
  } catch (const Xapian::Error& e) {  // building or compacting an index
    return fail(app, 3, "index error: " + e.get_description(), false);
  } catch (const std::exception& e) {
    return fail(app, 3, e.what(), false);
  }
}
