// kb-indexer check: validates the content and warns about weak content, writing nothing.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "build.hpp"
#include "cli.hpp"
#include "commands.hpp"
#include "content.hpp"
#include "kb/lint.hpp"
#include "options.hpp"

namespace cli {

namespace {

struct CheckOptions {
  std::string content;
  bool strict = false;
  bool json = false;
};

int run_check(const CheckOptions& o) {
  Content c = load_content(o.content);
  if (c.errors() == 0) {
    // Which questions would the bot answer with another entry? Ask a scratch
    // index, as the widget (public) and the console (internal) would.
    ScratchDir scratch("kb-check");
    for (std::string_view name : kb::kAudiences) {
      const std::string audience(name);
      std::vector<const kb::Entry*> in_index, asked;
      for (const auto& e : c.entries) {
        if (audience == "public" && e.audience != "public") continue;
        in_index.push_back(&e);
        if (audience == "public" || e.audience == "internal") asked.push_back(&e);
      }
      build_index(in_index, c.synonyms, scratch.path() / audience, shape_for(audience));
      kb::find_collisions(open_engine(scratch.path() / audience), asked, c.issues);
    }
  }
  std::size_t errors = c.errors(), warnings = c.issues.size() - errors;
  if (o.json) {
    nlohmann::json issues = nlohmann::json::array();
    for (const auto& i : c.issues)
      issues.push_back({{"file", i.file},
                        {"line", i.line},
                        {"column", i.column},
                        {"severity", i.severity == kb::Severity::Error ? "error" : "warning"},
                        {"message", i.message},
                        {"hint", i.hint}});
    std::cout << nlohmann::json{{"entries", c.entries.size()},
                                {"errors", errors},
                                {"warnings", warnings},
                                {"issues", issues}}
                     .dump()
              << "\n";
  } else {
    print_issues(c.issues);
    std::cerr << "kb-indexer: " << c.entries.size() << " entries checked: " << errors << " error(s), "
              << warnings << " warning(s); nothing was written\n";
  }
  return errors || (o.strict && warnings) ? 1 : 0;
}

}  // namespace

void add_check(CLI::App& app, int& status) {
  auto o = std::make_shared<CheckOptions>();
  CLI::App* check = app.add_subcommand("check", "validate the content and warn about weak content; writes nothing");
  check->add_option("CONTENT_DIR", o->content, "the content folder, such as kb-content")->required();
  check->add_flag("--strict", o->strict, "warnings fail too (exit code 1)");
  add_json_flag(*check, o->json);
  check->callback([o, &status] { status = run_check(*o); });
}

}  // namespace cli
