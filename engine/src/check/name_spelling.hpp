// Company and model names as they look (layer: check). A name typed on a phone or pasted
// from a web page can hold characters that look like Latin letters and are not: full-width
// forms (`ＤｅｅｐＳｅｅｋ`, from an East Asian keyboard) and Cyrillic or Greek letters inside a
// Latin word (`DееpSeek` with Cyrillic `е`). Read byte for byte, such a name matches no
// company, so rules about that company pass it; read as it looks, it is that company.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lexgate::detail {

/// The name with full-width ASCII forms as ASCII, the ideographic space as a space, and, in a
/// word that mixes Latin letters with Cyrillic or Greek ones, each Cyrillic or Greek letter
/// that looks like a Latin one as that Latin letter (Unicode's confusables, UTS #39). A word
/// wholly in another script is left as it is. Nothing when the name has none of these (an
/// ASCII name costs one pass over its bytes).
std::optional<std::string> as_it_looks(std::string_view name);

}  // namespace lexgate::detail
