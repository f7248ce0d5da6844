#pragma once
// Bringing a knowledge base kept elsewhere into kb-content's format: rows of
// a spreadsheet (CSV, XLSX) or a help centre's articles (JSON) become entry
// files, and entries become the spreadsheet template again (export --csv).
#include <string>
#include <vector>

#include "kb/entry.hpp"

namespace cli {

/// What an entry file holds for `e`: front matter in the subset parse_entry
/// reads, then the body. parse_entry gives `e` back.
std::string format_entry(const kb::Entry& e);

/// The folder of kb-content/ an entry of `type` goes into: faq/, procedures/, scripts/, rules/.
std::string type_folder(const std::string& type);

/// The template's columns, in order: 标准问题, 相似问题, 答案, 分类, 受众, 类型, 标签,
/// 相关, 渠道, 场景, id.
const std::vector<std::string>& template_headers();

/// An entry as a row of the template; list fields one item a line.
std::vector<std::string> template_row(const kb::Entry& e);

/// What a column header means ("title", "questions", "answer", …), "" when
/// it is none of the template's: Chinese or English, case and surrounding
/// spaces ignored.
std::string header_field(const std::string& header);

/// The phrasings in a cell: one a line; or, when the cell is one line,
/// separated by |, ； or ;.
std::vector<std::string> split_phrasings(const std::string& cell);

struct ImportOptions {
  std::string file;  // .csv, .xlsx or .json
  std::string out;   // the content folder to write
  bool merge = false;
};

/// Reads `o.file`, checks every row, and writes one entry file per row into
/// `o.out` only when nothing is wrong; otherwise prints every problem and
/// writes nothing. Returns the exit code.
int import_file(const ImportOptions& o);

}  // namespace cli
