// kb-indexer build: validates the content, then builds the public and internal indexes.
#include <memory>
#include <string>

#include "build.hpp"
#include "cli.hpp"
#include "commands.hpp"

namespace cli {

namespace {

struct BuildOptions {
  std::string content;
  std::string out;
};

}  // namespace

void add_build(CLI::App& app, int& status) {
  auto o = std::make_shared<BuildOptions>();
  CLI::App* build = app.add_subcommand("build", "validate, then build DIR/public and DIR/internal");
  build->footer(
      "The build is atomic and incremental: only changed entries are indexed again, the new indexes\n"
      "replace the old ones at once, and the previous build is kept in DIR/.previous (for kb-indexer test).");
  build->add_option("CONTENT_DIR", o->content, "the content folder, such as kb-content")->required();
  build->add_option("--out", o->out, "the output folder, such as build/kb")->type_name("DIR")->required();
  build->callback([o, &status] { status = build_once(o->content, o->out); });
}

}  // namespace cli
