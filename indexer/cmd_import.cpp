// kb-indexer import: a spreadsheet or a help centre's articles as entry files.
#include <memory>
#include <string>

#include "commands.hpp"
#include "import.hpp"

namespace cli {

void add_import(CLI::App& app, int& status) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* import = app.add_subcommand(
      "import", "entry files from a spreadsheet (.csv, .xlsx) or a help centre's articles (.json)");
  import->footer(
      "Columns, by their headers (in the first row, or below a title row; Chinese or English, any case):\n"
      "标准问题 (question, title), 相似问题 (similar questions: one a line, or separated by | or ;),\n"
      "答案 (answer), 分类 (category), 受众 (audience: public or internal, default public), 类型 (type:\n"
      "faq, procedure, script or rule, default faq); and, as `export --csv` writes them, 标签 (tags),\n"
      "相关 (related), 渠道 (channel), 场景 (situation), id. An .xlsx file is read from its first\n"
      "worksheet. A .json file holds a help centre's articles, {\"articles\": [{\"title\", \"body\" (HTML),\n"
      "\"section\", \"label_names\"}]} as Zendesk exports them, or an array of them.\n"
      "\n"
      "Every problem is listed as FILE:ROW: column NAME: message, and then nothing is written. The\n"
      "written folder passes `kb-indexer check` and `kb-indexer build`. A DIR that already holds entries\n"
      "is refused unless --merge is given.");
  import->add_option("FILE", o->file, "the .csv (UTF-8), .xlsx or .json file")
      ->required()
      ->check(CLI::ExistingFile);
  import->add_option("--out", o->out, "the content folder to write, such as kb-content; made if missing")
      ->type_name("DIR")
      ->required();
  import->add_flag("--merge", o->merge,
                   "add the entries to those DIR already holds (refused without it); an id or a phrasing\n"
                   "that clashes with theirs is a problem");
  import->callback([o, &status] { status = import_file(*o);
});
}  // namespace cli

}  // namespace cli
