// A deterministic, seeded generator of deployment profiles in the contract format (design §3),
// for benchmarks, peers and load tests. The same seed and index give the same profile on every
// machine: it uses its own PRNG arithmetic, never std::*_distribution (implementation-defined).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace lexgate::bench {

using profile_json = nlohmann::ordered_json;

/// Profile number `index` of the stream seeded by `seed`: markets, models of several providers
/// and countries, government devices, federal bodies, sectors, storage, transfers, accelerators,
/// filings and controls; about one fact in ten left out, so missing facts are exercised too.
profile_json generate_profile(std::uint64_t seed, std::uint64_t index);

/// The profile as block-style YAML, the way people write it (design §3).
std::string to_yaml(const profile_json& profile);

}  // namespace lexgate::bench
