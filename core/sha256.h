// SHA-256 (FIPS 180-4), for content-addressed ids: an image's id is the digest of its
// image.json, as a Docker image's is the digest of its config. Not for secrets.
#pragma once

#include <string>
#include <string_view>

namespace hako {

// The digest of `data` as 64 lowercase hex digits.
std::string sha256Hex(std::string_view data);

} // namespace hako
