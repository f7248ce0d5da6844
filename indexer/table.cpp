#include "table.hpp"

#include <libxml/xmlreader.h>
#include <zip.h>

#include <algorithm>
#include <map>
#include <memory>

#include "cli.hpp"
#include "kb/text.hpp"
#include "xml_text.hpp"

namespace cli {

Table read_csv(std::string_view text) {
  Table table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (std::size_t bad = kb::utf8_invalid_at(text); bad != std::string_view::npos) {
    auto line = static_cast<unsigned>(
        std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n') + 1);
    table.problems.push_back(
        {line, "the file is not UTF-8; save it as \"CSV UTF-8\", or convert it: iconv -f GBK -t UTF-8"});
    return table;
  }
  TableRow row;
  std::string field;
  unsigned line = 1, record_line = 1, record = 0;
  bool quoted = false;        // inside a quoted field
  bool field_quoted = false;  // the current field was quoted (so "" is an empty field, not nothing)
  auto end_field = [&] {
    row.cells.push_back(std::move(field));
    field.clear();
    field_quoted = false;
  };
  auto end_record = [&] {
    end_field();
    ++record;
    const bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) {
      row.number = record;
      row.line = record_line;
      table.rows.push_back(std::move(row));
    } else {
      --record;  // a blank line is no row
    }
    row = TableRow();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else if (c == '\r') {
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        field += '\n';
        ++line;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !field_quoted) {
      quoted = field_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      record_line = ++line;
    } else {
      field += c;  // a quote inside an unquoted field, or after a closing quote, is kept as it is
    }
  }
  if (quoted) {
    table.problems.push_back({record_line, "a quoted field opened on this line is never closed"});
    return table;
  }
  if (!field.empty() || field_quoted || !row.cells.empty()) end_record();
  return table;
}

std::string csv_field(std::string_view text) {
  const bool quote = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                     (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!quote) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  return out + "\r\n";
}

namespace {

/// The largest part of a workbook read: a sheet of 100,000 FAQ rows is far
/// smaller; a file that unpacks to more is no knowledge base.
constexpr zip_uint64_t kMaxPartBytes = 256u << 20;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
struct ReaderFreer {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};
using Zip = std::unique_ptr<zip_t, ZipCloser>;
using Reader = std::unique_ptr<xmlTextReader, ReaderFreer>;

/// A part of the package by name ("xl/workbook.xml"); "" and false when it is not there.
bool read_part(zip_t* zip, const std::string& name, std::string& out, const std::string& path) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip, name.c_str(), 0, &st) != 0) return false;
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPartBytes)
    throw CliError(1, path + ": " + name + " is too large to be a worksheet");
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(zip, name.c_str(), 0), zip_fclose);
  if (!file) throw CliError(1, path + ": cannot read " + name + " in the workbook");
  out.resize(st.size);
  zip_int64_t got = st.size ? zip_fread(file.get(), out.data(), st.size) : 0;
  if (got < 0 || static_cast<zip_uint64_t>(got) != st.size)
    throw CliError(1, path + ": " + name + " in the workbook is damaged");
  return true;
}

/// An XML reader over `xml` that loads nothing from the network or elsewhere.
Reader xml_reader(const std::string& xml, const std::string& name) {
  Reader r(
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), name.c_str(), "UTF-8", XML_PARSE_NONET));
  if (!r) throw CliError(1, "cannot parse " + name);
  return r;
}

std::string local_name(xmlTextReader* r) {
  const xmlChar* n = xmlTextReaderConstLocalName(r);
  return n ? reinterpret_cast<const char*>(n) : "";
}

std::string attribute(xmlTextReader* r, const char* name) {
  return take_xml_text(xmlTextReaderGetAttribute(r, reinterpret_cast<const xmlChar*>(name)));
}

/// An attribute in the relationships namespace, such as r:id.
std::string relationship_attribute(xmlTextReader* r, const char* name) {
  static const xmlChar* ns =
      reinterpret_cast<const xmlChar*>("http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  return take_xml_text(xmlTextReaderGetAttributeNs(r, reinterpret_cast<const xmlChar*>(name), ns));
}

/// Steps through an XML part; throws with the part's name when it is not well-formed.
class XmlWalk {
 public:
  XmlWalk(const std::string& xml, std::string name)
      : name_(std::move(name)), reader_(xml_reader(xml, name_)) {}
  bool next() {
    int status = xmlTextReaderRead(reader_.get());
    if (status < 0) throw CliError(1, name_ + " in the workbook is not well-formed XML");
    return status == 1;
  }
  xmlTextReader* get() const { return reader_.get(); }
  int type() const { return xmlTextReaderNodeType(reader_.get()); }
  bool opens(const char* name) const {
    return type() == XML_READER_TYPE_ELEMENT && local_name(get()) == name;
  }
  bool closes(const char* name) const {
    return type() == XML_READER_TYPE_END_ELEMENT && local_name(get()) == name;
  }
  bool empty() const { return xmlTextReaderIsEmptyElement(reader_.get()) == 1; }
  std::string value() const {
    const xmlChar* v = xmlTextReaderConstValue(reader_.get());
    return v ? reinterpret_cast<const char*>(v) : "";
  }
  bool is_text() const {
    return type() == XML_READER_TYPE_TEXT || type() == XML_READER_TYPE_CDATA ||
           type() == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type() == XML_READER_TYPE_WHITESPACE;
  }

 private:
  std::string name_;
  Reader reader_;
};

/// The text of an <si> or <is> element that the walk is on: its <t>s, phonetic runs (<rPh>) left out.
std::string string_item(XmlWalk& w, const char* element) {
  std::string text;
  if (w.empty()) return text;
  int in_t = 0, in_phonetic = 0;
  while (w.next() && !w.closes(element)) {
    if (w.opens("rPh") && !w.empty())
      ++in_phonetic;
    else if (w.closes("rPh"))
      --in_phonetic;
    else if (w.opens("t") && !w.empty())
      ++in_t;
    else if (w.closes("t"))
      --in_t;
    else if (in_t > 0 && in_phonetic == 0 && w.is_text())
      text += w.value();
  }
  return text;
}

/// "xl/" + a relationship's target, which may also be absolute ("/xl/…").
std::string part_name(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

/// The 0-based column of a cell reference such as "C7".
std::size_t column_of(const std::string& ref, std::size_t fallback) {
  std::size_t col = 0, letters = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z')
      col = col * 26 + static_cast<std::size_t>(c - 'A' + 1), ++letters;
    else
      break;
  }
  return letters == 0 || letters > 3 ? fallback : col - 1;
}

}  // namespace

Table read_xlsx(const std::string& path) {
  int error = 0;
  Zip zip(zip_open(path.c_str(), ZIP_RDONLY, &error));
  if (!zip) throw CliError(1, path + ": not an .xlsx workbook (it cannot be opened as a zip archive)");
  std::string xml;
  // The first worksheet: the workbook's first <sheet>, through its relationship.
  if (!read_part(zip.get(), "xl/workbook.xml", xml, path))
    throw CliError(1, path + ": not an .xlsx workbook (no xl/workbook.xml)");
  std::string first_sheet_id;
  for (XmlWalk w(xml, "xl/workbook.xml"); first_sheet_id.empty() && w.next();)
    if (w.opens("sheet")) first_sheet_id = relationship_attribute(w.get(), "id");
  std::string sheet_part = "xl/worksheets/sheet1.xml", strings_part = "xl/sharedStrings.xml";
  if (read_part(zip.get(), "xl/_rels/workbook.xml.rels", xml, path)) {
    for (XmlWalk w(xml, "xl/_rels/workbook.xml.rels"); w.next();) {
      if (!w.opens("Relationship")) continue;
      const std::string type = attribute(w.get(), "Type"), target = attribute(w.get(), "Target");
      if (attribute(w.get(), "Id") == first_sheet_id && !target.empty()) sheet_part = part_name(target);
      if (type.size() >= 14 && type.compare(type.size() - 14, 14, "/sharedStrings") == 0 && !target.empty())
        strings_part = part_name(target);
    }
  }
  std::vector<std::string> shared;
  if (read_part(zip.get(), strings_part, xml, path))
    for (XmlWalk w(xml, strings_part); w.next();)
      if (w.opens("si")) shared.push_back(string_item(w, "si"));
  if (!read_part(zip.get(), sheet_part, xml, path))
    throw CliError(1, path + ": the workbook has no worksheet (" + sheet_part + ")");

  Table table;
  XmlWalk w(xml, sheet_part);
  TableRow row;
  std::string type, value;
  std::size_t column = 0;
  bool in_value = false;
  auto put = [&](std::size_t col, std::string text) {
    if (row.cells.size() <= col) row.cells.resize(col + 1);
    row.cells[col] = std::move(text);
  };
  while (w.next()) {
    if (w.opens("row")) {
      row = TableRow();
      // Its number as written (r="7"), or the one after the last when it is missing or no number.
      const std::string r = attribute(w.get(), "r");
      const bool numbered =
          !r.empty() && r.size() < 8 && r.find_first_not_of("0123456789") == std::string::npos;
      row.number = numbered ? static_cast<unsigned>(std::stoul(r))
                            : (table.rows.empty() ? 1 : table.rows.back().number + 1);
      row.line = row.number;
      column = 0;
      if (w.empty()) continue;
    } else if (w.closes("row")) {
      if (std::any_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return !c.empty(); }))
        table.rows.push_back(std::move(row));
      row = TableRow();
    } else if (w.opens("c")) {
      column = column_of(attribute(w.get(), "r"), column);
      type = attribute(w.get(), "t");
      value.clear();
      if (w.empty()) ++column;
    } else if (w.closes("c")) {
      if (type == "s") {
        const bool digits =
            !value.empty() && value.size() < 10 && value.find_first_not_of("0123456789") == std::string::npos;
        const std::size_t index = digits ? std::stoul(value) : shared.size();
        if (index >= shared.size())
          throw CliError(1, path + ": row " + std::to_string(row.number) +
                                " refers to a shared string that is not there");
        put(column, shared[index]);
      } else if (type == "b") {
        put(column, value == "1" ? "TRUE" : "FALSE");
      } else if (type != "inlineStr") {
        put(column, value);
      }
      ++column;
    } else if (w.opens("v") && !w.empty()) {
      in_value = true;
    } else if (w.closes("v")) {
      in_value = false;
    } else if (in_value && w.is_text()) {
      value += w.value();
    } else if (w.opens("is")) {
      put(column, string_item(w, "is"));
    }
  }
  std::sort(table.rows.begin(), table.rows.end(),
            [](const TableRow& a, const TableRow& b) { return a.number < b.number; });
  return table;
}

}  // namespace cli
