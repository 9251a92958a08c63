// Command lines, URLs and names shared by the artifact readers (layer: profile).
#include <algorithm>
#include <array>
#include <cctype>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// Words of a shell script, quotes removed; enough for the `exec vllm serve X --flag` lines
// charts write, not a shell.
std::vector<std::string> shell_words(std::string_view script) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : script) {
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else {
        word += c;
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' ||
               c == '\\') {
      if (in_word) out.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) out.push_back(std::move(word));
  return out;
}

}  // namespace

std::string host_of(std::string_view url) {
  auto scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  } else if (url.find('/') == 0 || url.find(' ') != std::string_view::npos) {
    return {};
  }
  const auto end = url.find_first_of("/:?#");
  std::string host(url.substr(0, end));
  if (auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (host.empty() || (host.find('.') == std::string::npos && scheme == std::string_view::npos)) {
    return {};
  }
  for (char c : host) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') return {};
  }
  return host;
}

bool internal_host(std::string_view host) {
  if (host.empty() || host.find('.') == std::string_view::npos) return true;  // a service name
  static constexpr std::array<std::string_view, 5> suffixes = {
      ".svc", ".svc.cluster.local", ".cluster.local", ".internal", ".local"};
  for (auto s : suffixes) {
    if (host.size() > s.size() && host.substr(host.size() - s.size()) == s) return true;
  }
  if (host.ends_with(".svc") || contains(host, ".svc.")) return true;
  if (host == "localhost" || host.starts_with("127.") || host.starts_with("10.") ||
      host.starts_with("192.168.") || host == "host.docker.internal") {
    return true;
  }
  if (host.starts_with("172.")) {
    const int second = std::atoi(std::string(host.substr(4, 3)).c_str());
    return second >= 16 && second <= 31;
  }
  return false;
}

bool names_api_address(std::string_view env_name) {
  const std::string n = upper(env_name);
  return contains(n, "BASE_URL") || contains(n, "API_BASE") || contains(n, "API_URL") ||
         contains(n, "ENDPOINT") || contains(n, "API_HOST") || n == "OPENAI_BASE" ||
         contains(n, "BASEURL");
}

bool names_model(std::string_view env_name) {
  const std::string n = upper(env_name);
  if (contains(n, "PATH") && !contains(n, "MODEL_PATH")) return false;
  if (contains(n, "DIR") || contains(n, "CACHE") || contains(n, "REVISION") ||
      contains(n, "TOKEN") || contains(n, "KEY") || contains(n, "LEN") || contains(n, "URL") ||
      contains(n, "BASE") || contains(n, "PORT") || contains(n, "TIMEOUT") || contains(n, "MAX")) {
    return false;
  }
  return n == "MODEL" || n.ends_with("_MODEL") || n.ends_with("MODEL_ID") ||
         n.ends_with("MODEL_NAME") || n == "MODEL_PATH" || n.ends_with("_MODEL_PATH") ||
         n == "SERVED_MODEL" || n.ends_with("LLM_MODEL");
}

bool template_expression(std::string_view text) {
  const auto open = text.find("{{");
  return open != std::string_view::npos && text.find("}}", open + 2) != std::string_view::npos;
}

bool is_local_path(std::string_view model) {
  return model.starts_with("/") || model.starts_with("./") || model.starts_with("../") ||
         model.starts_with("~/") || model.starts_with("file://") || model.starts_with("pvc://") ||
         model.ends_with(".gguf") || model.ends_with(".bin") || model.ends_with(".safetensors");
}

std::vector<command_token> command_tokens(const std::vector<const yaml_node*>& parts) {
  std::vector<command_token> out;
  for (const yaml_node* part : parts) {
    if (part == nullptr) continue;
    std::vector<const yaml_node*> items;
    if (part->k == yaml_node::kind::sequence) {
      for (const auto& i : part->items) items.push_back(&i);
    } else {
      items.push_back(part);
    }
    for (const yaml_node* item : items) {
      if (item->k != yaml_node::kind::scalar) continue;
      const std::string& t = item->text;
      // An item with spaces is a script (`sh -c "…"`) or a compose command string: its words.
      // A template expression (`{{ .Values.model }}`) stays whole: it names one value.
      if (t.find_first_of(" \n\t") != std::string::npos && !template_expression(t)) {
        for (auto& w : shell_words(t)) out.push_back({std::move(w), item});
      } else {
        out.push_back({t, item});
      }
    }
  }
  return out;
}

std::vector<std::size_t> model_arguments(const std::vector<command_token>& tokens,
                                         bool llama_cpp_image) {
  static constexpr std::array<std::string_view, 8> flags = {
      "--model",         "--model-path", "--model-id",       "--model_name_or_path",
      "--model-name-or-path", "--model_path", "--hf-model", "--model_id"};
  std::vector<std::size_t> out;
  auto is_flag = [](std::string_view t) {
    return std::find(flags.begin(), flags.end(), t) != flags.end();
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view t = tokens[i].text;
    if (is_flag(t) && i + 1 < tokens.size() && !tokens[i + 1].text.starts_with("-")) {
      out.push_back(i + 1);
      continue;
    }
    if (const auto eq = t.find('='); eq != std::string_view::npos && is_flag(t.substr(0, eq))) {
      out.push_back(i);  // the caller takes the part after `=`
      continue;
    }
    // `vllm serve X`, `ollama run X`, `sglang serve X`, and `-m X` after llama.cpp's server or
    // in a llama.cpp image's arguments (its entrypoint is the server).
    const bool server = t == "vllm" || t.ends_with("/vllm") || t == "ollama" || t == "sglang";
    if (server && i + 2 < tokens.size() &&
        (tokens[i + 1].text == "serve" || tokens[i + 1].text == "run" ||
         tokens[i + 1].text == "pull") &&
        !tokens[i + 2].text.starts_with("-")) {
      out.push_back(i + 2);
      continue;
    }
    if ((t == "-m" || t == "--hf-repo" || t == "-hf") && i + 1 < tokens.size() &&
        (i > 0 || llama_cpp_image)) {
      bool llama_cpp = llama_cpp_image;
      for (std::size_t k = 0; k < i; ++k) {
        if (tokens[k].text.find("llama") != std::string::npos) llama_cpp = true;
      }
      if (llama_cpp) out.push_back(i + 1);
    }
  }
  return out;
}

}  // namespace lexgate::detail
