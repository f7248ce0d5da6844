#pragma once
// libxml2 hands out strings the caller frees: this copies one and frees it.
#include <libxml/xmlmemory.h>

#include <string>

namespace cli {

/// The text of `owned` ("" for null), which is freed.
inline std::string take_xml_text(xmlChar* owned) {
  if (!owned) return "";
  std::string s(reinterpret_cast<const char*>(owned));
  xmlFree(owned);
  return s;
}

}  // namespace cli
