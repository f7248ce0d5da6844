#pragma once
// Spreadsheets as rows of text cells: CSV (RFC 4180) read and written here,
// XLSX read with libzip and libxml2. What the cells mean is import.cpp's.
#include <string>
#include <string_view>
#include <vector>

namespace cli {

/// One row of a sheet: its number as a spreadsheet shows it (the first row
/// is 1) and its cells, the first column first; missing cells are "".
struct TableRow {
  unsigned number = 0;
  unsigned line = 0;  // CSV: the line of the file the row starts on
  std::vector<std::string> cells;
};

/// A problem that stops reading the file, at a line (CSV) or row; 0 when it is about the whole file.
struct TableProblem {
  unsigned line = 0;
  std::string message;
};

struct Table {
  std::vector<TableRow> rows;
  std::vector<TableProblem> problems;
};

/// The records of a CSV text: comma-separated, optionally with a UTF-8 byte
/// order mark; a field in double quotes may hold commas, line breaks and
/// doubled quotes (""). Line ends may be CRLF, LF or CR; a line break inside
/// quotes is kept as "\n". Blank lines are skipped. A quote left open is a
/// problem, as is text that is not UTF-8 (Excel's "CSV" in a Chinese Windows
/// saves GBK).
Table read_csv(std::string_view text);

/// The field as CSV writes it: in double quotes, with quotes doubled, when it
/// holds a comma, a quote, a line break or white space at either end.
std::string csv_field(std::string_view text);

/// One CSV record, the fields joined by commas, ended by CRLF (RFC 4180).
std::string csv_record(const std::vector<std::string>& fields);

/// The first worksheet of an .xlsx file (Office Open XML), its cells as
/// text: shared and inline strings, numbers and booleans as stored. Throws
/// CliError(1) when the file is no readable workbook.
Table read_xlsx(const std::string& path);

}  // namespace cli
