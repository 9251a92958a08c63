// docker compose's variable interpolation: compose replaces `${VAR}` and `$VAR` in the values of
// a compose file when it reads it, from the shell at `docker compose up` and the `.env` file
// beside the compose file, before any container starts (layer: profile). lexgate sees the
// `.env` only; a variable it does not set is the shell's, unknown here.
#include <cctype>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}
bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// The operators compose accepts after a braced name, longest first.
constexpr std::string_view kOperators[] = {":-", ":?", ":+", "-", "?", "+"};

}  // namespace

interpolated interpolate_compose(const std::string& value, const compose_project& project) {
  interpolated out;
  std::size_t references = 0;
  bool other_text = false;
  const env_value* last = nullptr;
  auto fail = [&](std::string why) {
    out.unresolved = true;
    out.why = std::move(why);
    out.from = nullptr;
    return out;
  };
  for (std::size_t i = 0; i < value.size();) {
    if (value[i] != '$' || i + 1 == value.size()) {
      out.text += value[i++];
      other_text = true;
      continue;
    }
    const char c = value[i + 1];
    if (c == '$') {  // `$$`: a literal `$`, left for the container's shell
      out.text += '$';
      i += 2;
      other_text = true;
      continue;
    }
    std::string_view name;
    std::string_view op;
    std::string_view arg;
    std::size_t end = 0;
    if (c == '{') {
      const std::size_t close = value.find('}', i + 2);
      if (close == std::string::npos) return fail("`${` is not closed, which compose refuses");
      const std::string_view body = std::string_view(value).substr(i + 2, close - i - 2);
      std::size_t n = 0;
      while (n < body.size() && name_char(body[n])) ++n;
      name = body.substr(0, n);
      const std::string_view rest = body.substr(n);
      if (!rest.empty()) {
        for (std::string_view o : kOperators) {
          if (rest.starts_with(o)) {
            op = o;
            break;
          }
        }
      }
      if (name.empty() || !name_start(name[0]) || (!rest.empty() && op.empty())) {
        return fail("`${" + std::string(body) + "}` is not an interpolation compose accepts");
      }
      arg = rest.substr(op.size());
      end = close + 1;
    } else if (name_start(c)) {
      std::size_t j = i + 1;
      while (j < value.size() && name_char(value[j])) ++j;
      name = std::string_view(value).substr(i + 1, j - i - 1);
      end = j;
    } else {  // `$` before anything else stays as written
      out.text += value[i++];
      other_text = true;
      continue;
    }
    ++references;
    const auto it = project.variables.find(name);
    const env_value* set = it != project.variables.end() ? &it->second : nullptr;
    const bool colon = op.starts_with(":");
    // `:-`, `:?` and `:+` treat a variable set to nothing as unset.
    const bool holds = set != nullptr && !(colon && set->text.empty());
    const std::string shell =
        project.unread.empty()
            ? "`" + std::string(name) +
                  "` is set by the shell at `docker compose up`: the `.env` beside the compose "
                  "file does not set it"
            : "`" + std::string(name) +
                  "` is set by the shell at `docker compose up` or by the `.env` beside the "
                  "compose file, which " +
                  project.unread;
    const char kind = op.empty() ? '=' : op.back();
    if (kind == '=' || kind == '?') {
      if (set == nullptr || (kind == '?' && !holds)) return fail(shell);
      out.text += set->text;
      last = set;
    } else if (kind == '-') {
      // The default applies when neither the shell nor the `.env` sets the variable.
      if (holds) {
        out.text += set->text;
        last = set;
      } else {
        out.text += arg;
        other_text = true;
      }
    } else {  // `+`: the alternative when the variable is set, which only the shell may do
      if (!holds) return fail(shell);
      out.text += arg;
      other_text = true;
    }
    i = end;
  }
  // An empty result leaves the value to the shell, which may set the variable: unknown here,
  // as an unset one is, never read as "no model".
  if (references > 0 && out.text.empty()) {
    return fail("the value is empty unless the shell at `docker compose up` sets its variables");
  }
  if (references == 1 && !other_text) out.from = last;
  return out;
}

}  // namespace lexgate::detail
