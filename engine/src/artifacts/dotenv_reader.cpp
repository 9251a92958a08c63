// `.env` files: `NAME=value` lines; model API addresses and the models named beside them
// (layer: profile).
#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

std::vector<dotenv_line> parse_dotenv(const std::string& text) {
  // The values become scalar nodes at their offsets, so the workload reader can place them;
  // quotes and an `export ` prefix are dropped.
  std::vector<dotenv_line> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    std::size_t start = pos;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      line.remove_prefix(1);
      ++start;
    }
    if (line.starts_with("export ")) {
      line.remove_prefix(7);
      start += 7;
    }
    const auto eq = line.find('=');
    if (!line.empty() && line.front() != '#' && eq != std::string_view::npos && eq > 0) {
      std::string_view v = line.substr(eq + 1);
      std::size_t offset = start + eq + 1;
      while (!v.empty() && (v.back() == '\r' || v.back() == ' ')) v.remove_suffix(1);
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
        v = v.substr(1, v.size() - 2);
        ++offset;
      } else if (auto hash = v.find(" #"); hash != std::string_view::npos) {
        v = v.substr(0, hash);
      }
      dotenv_line l;
      l.name = std::string(line.substr(0, eq));
      while (!l.name.empty() && l.name.back() == ' ') l.name.pop_back();
      l.value.k = yaml_node::kind::scalar;
      l.value.text = std::string(v);
      l.value.offset = static_cast<std::uint32_t>(offset);
      out.push_back(std::move(l));
    }
    pos = end + 1;
  }
  return out;
}

void read_dotenv(reader_context& ctx, artifact_file& file) {
  const std::vector<dotenv_line> lines = parse_dotenv(ctx.file().text());
  environment env;
  for (const auto& l : lines) env[l.name] = {l.value.text, &l.value};
  ctx.enter({}, {}, 0);
  read_workload(ctx, {}, nullptr, {}, env, {});
  file.resources.clear();
}

}  // namespace lexgate::detail
