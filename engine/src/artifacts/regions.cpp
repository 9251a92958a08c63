// Cloud regions → the country they are in, from the providers' published region lists
// (AWS "Regions and Availability Zones", Azure "Azure geographies", Google Cloud "Cloud
// locations", Alibaba Cloud "Regions and zones"). A region not listed is not guessed: the
// caller reports it unresolved (layer: profile).
#include <array>
#include <cctype>

#include "artifacts/reader_context.hpp"

namespace lexgate::detail {

namespace {

struct region_entry {
  std::string_view name;  ///< Exact region name, or a prefix ending in `-`/`*`.
  std::string_view country;
};

// Exact names first (Azure writes them without separators), then prefixes.
constexpr std::array<region_entry, 71> regions = {{
    // AWS
    {"us-east-1", "US"}, {"us-east-2", "US"}, {"us-west-1", "US"}, {"us-west-2", "US"},
    {"us-gov-west-1", "US"}, {"us-gov-east-1", "US"}, {"ca-central-1", "CA"},
    {"eu-central-1", "DE"}, {"eu-central-2", "CH"}, {"eu-west-1", "IE"}, {"eu-west-2", "GB"},
    {"eu-west-3", "FR"}, {"eu-north-1", "SE"}, {"eu-south-1", "IT"}, {"eu-south-2", "ES"},
    {"ap-southeast-1", "SG"}, {"ap-southeast-2", "AU"}, {"ap-southeast-4", "AU"},
    {"ap-northeast-1", "JP"}, {"ap-northeast-3", "JP"}, {"ap-northeast-2", "KR"},
    {"ap-south-1", "IN"}, {"ap-east-1", "HK"}, {"sa-east-1", "BR"}, {"me-central-1", "AE"},
    {"cn-north-1", "CN"}, {"cn-northwest-1", "CN"},
    // Azure
    {"eastus", "US"}, {"eastus2", "US"}, {"westus", "US"}, {"westus2", "US"}, {"westus3", "US"},
    {"centralus", "US"}, {"northcentralus", "US"}, {"southcentralus", "US"},
    {"australiaeast", "AU"}, {"australiasoutheast", "AU"}, {"australiacentral", "AU"},
    {"westeurope", "NL"}, {"northeurope", "IE"}, {"uksouth", "GB"}, {"ukwest", "GB"},
    {"francecentral", "FR"}, {"germanywestcentral", "DE"}, {"swedencentral", "SE"},
    {"switzerlandnorth", "CH"}, {"norwayeast", "NO"}, {"italynorth", "IT"},
    {"spaincentral", "ES"}, {"polandcentral", "PL"}, {"japaneast", "JP"}, {"koreacentral", "KR"},
    {"canadaeast", "CA"}, {"canadacentral", "CA"}, {"southeastasia", "SG"},
    {"centralindia", "IN"}, {"brazilsouth", "BR"}, {"uaenorth", "AE"},
    // Google Cloud (prefixes: every region of these names is in the country)
    {"us-central1", "US"}, {"europe-west1", "BE"}, {"europe-west2", "GB"}, {"europe-west3", "DE"},
    {"europe-west4", "NL"}, {"europe-west9", "FR"}, {"europe-north1", "FI"},
    {"australia-southeast*", "AU"}, {"asia-northeast1", "JP"}, {"asia-southeast1", "SG"},
    // Alibaba Cloud, Volcengine: every `cn-` region is in mainland China but Hong Kong's, which
    // mainland law treats as abroad (a transfer there leaves China under PIPL)
    {"cn-hongkong", "HK"}, {"cn-*", "CN"}, {"us-*", "US"},
}};

}  // namespace

std::string region_country(std::string_view region) {
  std::string r(region);
  for (auto& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& e : regions) {
    if (e.name.ends_with("*")) {
      if (r.starts_with(e.name.substr(0, e.name.size() - 1))) return std::string(e.country);
    } else if (r == e.name) {
      return std::string(e.country);
    }
  }
  return {};
}

}  // namespace lexgate::detail
