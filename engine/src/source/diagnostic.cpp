// Diagnostics: collection, ordering, compiler-style rendering and typo hints (layer: source).
#include "lexgate/diagnostic.hpp"

#include "source/text_check.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

namespace lexgate {

void diagnostic_bag::report(diagnostic_severity severity, std::string code, std::string message,
                            const source_file* file, span where, std::string help) {
  diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.message = std::move(message);
  d.help = std::move(help);
  if (file != nullptr) {
    d.file = file->name();
    d.where = file->locate(where.begin);
    d.end = file->locate(std::max(where.end, where.begin));
    d.line_text = std::string(file->line_text(d.where.line));
  }
  add(std::move(d));
}

void diagnostic_bag::error(std::string code, std::string message, std::string file,
                           std::string help) {
  diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.file = std::move(file);
  d.help = std::move(help);
  add(std::move(d));
}

namespace {

// Cuts every `quoted` text longer than `keep` bytes to its first `keep` bytes (whole UTF-8
// characters) and `…`: a 100,000-digit literal or a megabyte-long name is not echoed whole into
// an error, a log or a report.
void clip_quoted(std::string& text, std::size_t keep = 64) {
  std::size_t open = text.find('`');
  while (open != std::string::npos) {
    const std::size_t close = text.find('`', open + 1);
    if (close == std::string::npos) return;
    std::size_t length = close - open - 1;
    if (length > keep + 16) {
      std::size_t cut = open + 1 + keep;
      while (cut > open + 1 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.replace(cut, close - cut, "…");
      length = cut - open - 1 + 3;
    }
    open = text.find('`', open + 1 + length + 1);
  }
}

}  // namespace

void diagnostic_bag::add(diagnostic d) {
  if (d.severity == diagnostic_severity::error) {
    // Counted before the cap is applied, so the count never stops growing while errors come.
    ++error_count_;
    if (error_count_ > max_errors_) {
      ++dropped_errors_;
      return;
    }
  }
  clip_quoted(d.message);
  clip_quoted(d.help);
  items_.push_back(std::move(d));
}

std::vector<diagnostic> diagnostic_bag::sorted() const {
  auto out = items_;
  std::stable_sort(out.begin(), out.end(), [](const diagnostic& a, const diagnostic& b) {
    return std::tie(a.file, a.where.line, a.where.column, a.code) <
           std::tie(b.file, b.where.line, b.where.column, b.code);
  });
  return out;
}

namespace {

const char* severity_word(diagnostic_severity s) {
  switch (s) {
    case diagnostic_severity::error:
      return "error";
    case diagnostic_severity::warning:
      return "warning";
    case diagnostic_severity::note:
      return "note";
  }
  return "error";
}

// Tabs in the quoted line are shown as single spaces so the caret lines up with the column.
std::string detab(std::string_view text) {
  std::string out(text);
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

// A long line is shown as a window around the column, so a one-line file of megabytes gives a
// readable error. `column` (1-based, code points) is moved to match the window.
constexpr std::uint32_t kShownColumns = 100;

std::string window(std::string_view text, std::uint32_t& column) {
  std::vector<std::size_t> starts;  // byte offset of each code point
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  if (starts.size() <= kShownColumns) return std::string(text);
  const std::uint32_t first =
      column > kShownColumns / 2
          ? std::min<std::uint32_t>(column - kShownColumns / 2,
                                    static_cast<std::uint32_t>(starts.size()) - kShownColumns)
          : 0;
  const std::uint32_t last = first + kShownColumns;
  const std::size_t begin = starts[first];
  const std::size_t end = last < starts.size() ? starts[last] : text.size();
  std::string out = first > 0 ? "…" : "";
  out += text.substr(begin, end - begin);
  if (last < starts.size()) out += "…";
  column = column - first + (first > 0 ? 1 : 0);
  return out;
}

}  // namespace

// Diagnostics and text reports go to a terminal or a CI log: every character a terminal or log
// acts on (ESC, CR, BEL, NEL, U+2028, a line break inside a value) and every byte that is not
// UTF-8 becomes one U+FFFD, so a quoted line can neither forge a title or an annotation nor move
// the caret.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const auto bad = detail::unprintable_at(text, false);
    const std::size_t clean = bad ? *bad : text.size();
    out.append(text.substr(0, clean));
    if (!bad) break;
    out += "\xEF\xBF\xBD";
    // Skip the whole character (or the one bad byte).
    std::size_t skip = 1;
    while (clean + skip < text.size() &&
           (static_cast<unsigned char>(text[clean + skip]) & 0xC0) == 0x80 && skip < 4) {
      ++skip;
    }
    text.remove_prefix(clean + skip);
  }
  return out;
}

bool is_printable(std::string_view text) { return !detail::unprintable_at(text, false); }

std::string render_diagnostic(const diagnostic& d) {
  std::string out;
  if (!d.file.empty()) {
    out += printable(d.file);
    if (d.where.line > 0) {
      out += ':' + std::to_string(d.where.line);
      // JSON Lines input has a line and a JSON pointer, no column.
      if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
    }
    out += ": ";
  }
  out += severity_word(d.severity);
  out += '[' + d.code + "]: " + printable(d.message) + '\n';
  if (!d.pointer.empty()) out += "  = at: " + printable(d.pointer) + '\n';
  if (d.where.line > 0 && d.pointer.empty()) {
    const std::string number = std::to_string(d.where.line);
    const std::string gutter(number.size(), ' ');
    std::uint32_t column = std::max<std::uint32_t>(d.where.column, 1);
    std::uint32_t width = 1;
    if (d.end.line == d.where.line && d.end.column > d.where.column) {
      width = d.end.column - d.where.column;
    }
    out += ' ' + number + " | " + printable(detab(window(d.line_text, column))) + '\n';
    width = std::min(width, kShownColumns + 2 - std::min(column, kShownColumns + 1));
    out += ' ' + gutter + " | " + std::string(column - 1, ' ') + '^' +
           std::string(std::max<std::uint32_t>(width, 1) - 1, '~') + '\n';
  }
  if (!d.help.empty()) out += "  = help: " + printable(d.help) + '\n';
  return out;
}

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::string render_diagnostics(const diagnostic_bag& bag) {
  std::string out;
  for (const auto& d : bag.sorted()) out += render_diagnostic(d);
  if (const std::size_t more = bag.dropped_errors(); more > 0) {
    out += "and " + std::to_string(more) + (more == 1 ? " more error" : " more errors") +
           " (only the first " + std::to_string(bag.error_count() - more) + " are shown)\n";
  }
  return out;
}

std::optional<std::string> nearest_name(const std::string& word,
                                        const std::vector<std::string>& candidates) {
  // A typo is at most a third of the word's letters away (at least one edit).
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  // A word too long to be a name gets no suggestion: the distance costs length squared.
  if (word.size() > 256) return best;
  for (const auto& candidate : candidates) {
    // Lengths further apart than the best distance so far cannot beat it: skip the table.
    const std::size_t gap = word.size() > candidate.size() ? word.size() - candidate.size()
                                                           : candidate.size() - word.size();
    if (gap >= best_distance || candidate.size() > 256) continue;
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace lexgate
