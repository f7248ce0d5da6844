// kb-indexer export --csv: the content as the import's spreadsheet template.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli.hpp"
#include "commands.hpp"
#include "content.hpp"
#include "import.hpp"
#include "table.hpp"

namespace cli {

namespace {

struct ExportOptions {
  std::string content;
  std::string out;  // "" for stdout
  bool csv = false;
};

int run_export(const ExportOptions& o) {
  Content c = load_content(o.content);
  if (c.errors()) {
    print_issues(c.issues);
    std::cerr << "kb-indexer: " << c.errors() << " error(s) in " << o.content << "; nothing was exported\n";
    return 1;
  }
  // A byte order mark, so that spreadsheet programs read the file as UTF-8.
  std::string text = "\xEF\xBB\xBF" + csv_record(template_headers());
  for (const auto& e : c.entries) text += csv_record(template_row(e));
  if (o.out.empty()) {
    std::cout << text;
    return 0;
  }
  const fs::path out = o.out, partial = o.out + ".partial";
  {
    std::ofstream f(partial, std::ios::binary);
    f << text;
    if (!f.flush()) throw CliError(3, "cannot write " + partial.string());
  }
  fs::rename(partial, out);
  std::cerr << "kb-indexer: " << c.entries.size() << " entries exported to " << out.string() << "\n";
  return 0;
}

}  // namespace

void add_export(CLI::App& app, int& status) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* exp =
      app.add_subcommand("export", "write the content as a spreadsheet (CSV) that import reads back");
  exp->footer(
      "The CSV is UTF-8 with a byte order mark, so that Excel and WPS read its Chinese right; one row per\n"
      "entry, under the headers 标准问题, 相似问题, 答案, 分类, 受众, 类型, 标签, 相关, 渠道, 场景, id.\n"
      "Phrasings, tags and related ids are one a line inside their cell; the answer is the entry's\n"
      "Markdown. `kb-indexer import` reads it back into the same entries.");
  exp->add_option("CONTENT_DIR", o->content, "the content folder, such as kb-content")->required();
  exp->add_flag("--csv", o->csv, "write CSV (the one format for now)")->required();
  exp->add_option("--out", o->out, "the file to write; standard output without it")->type_name("FILE");
  exp->callback([o, &status] { status = run_export(*o); });
}

}  // namespace cli
