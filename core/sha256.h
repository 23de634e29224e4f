// SHA-256 (FIPS 180-4), for content-addressed ids: an image's id is the digest of its
// image.json, as a Docker image's is the digest of its config; a layer's diffID the digest of
// its uncompressed tar. Not for secrets.
//
// Two implementations on purpose: Sha256 (sha256_stream.cpp) streams over OpenSSL's EVP,
// which uses the CPU's SHA extensions, so layers are hashed at the speed they are read;
// sha256Hex (sha256.cpp) is self-contained, for small inputs (configs, seccomp profiles), so
// that hako-monitor — which hashes the filter it caches at every start — loads no libcrypto.
// The unit tests hold the two to the same answers.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace hako {

// A digest computed piece by piece, for streams too big to hold (a layer being unpacked).
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256 &&) noexcept;
    Sha256 &operator=(Sha256 &&) noexcept;

    void update(const void *data, size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    // The digest of everything given so far as 64 lowercase hex digits; ends the stream (a
    // later update() starts a new one).
    std::string hexDigest();

private:
    struct Context;
    std::unique_ptr<Context> ctx_;
};

// The digest of `data` (held in memory) as 64 lowercase hex digits.
std::string sha256Hex(std::string_view data);

} // namespace hako
