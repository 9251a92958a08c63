// The one XML escaper of the JUnit writers (the findings' and drift's test cases).
#include "report/xml_text.hpp"
#include "support/catch.hpp"

namespace lexgate::report_writers {

TEST_CASE("xml_text escapes XML's special characters", "[report][junit]") {
  CHECK(xml_text(R"(a<b & "c" > 'd')") == "a&lt;b &amp; &quot;c&quot; &gt; &apos;d&apos;");
}

TEST_CASE("xml_text keeps tab, line feed and UTF-8, and turns other control characters into a space",
          "[report][junit]") {
  CHECK(xml_text("line\tone\nline two") == "line\tone\nline two");
  CHECK(xml_text("Garante · 幻方") == "Garante · 幻方");
  CHECK(xml_text(std::string("bell\x07here\x1b]0;x")) == "bell here ]0;x");
  CHECK(xml_text(std::string("nul\0end", 7)) == "nul end");
}

}  // namespace lexgate::report_writers
