// The log's formatter for the `lexgate` program. Log lines name files and quote what
// they hold; each message goes through `printable` before the pattern lays it out, so no file
// name or value can start a new log line, a CI annotation or a terminal escape.
#pragma once

#include <spdlog/pattern_formatter.h>

#include <memory>
#include <string>

#include "lexgate/diagnostic.hpp"

namespace lexgate::cli {

class printable_formatter final : public spdlog::formatter {
 public:
  explicit printable_formatter(std::string pattern)
      : pattern_(std::move(pattern)), inner_(std::make_unique<spdlog::pattern_formatter>(pattern_)) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string text = printable(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg clean = msg;
    clean.payload = spdlog::string_view_t(text.data(), text.size());
    inner_->format(clean, dest);
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<printable_formatter>(pattern_);
  }

 private:
  std::string pattern_;
  std::unique_ptr<spdlog::pattern_formatter> inner_;
};

}  // namespace lexgate::cli
