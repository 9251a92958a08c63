// Text inside XML attribute values and elements, for the JUnit writers (layer: report).
#pragma once

#include <string>
#include <string_view>

namespace lexgate::report_writers {

/// `s` with XML's five special characters escaped. A control character other than tab and line
/// feed is not allowed in XML 1.0: it becomes a space, so the words around it stay apart. (The
/// loaders refuse such characters in profiles, rules and artifacts; this keeps the file valid
/// whatever reaches it.)
inline std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' ? ' ' : c;
    }
  }
  return out;
}

}  // namespace lexgate::report_writers
