// Image references in Docker's forms: "busybox", "library/busybox:1.36",
// "registry.example:5000/team/app@sha256:<hex>", "localhost:5000/app:v1".
#pragma once

#include <optional>
#include <string>

namespace hako {

struct ImageRef {
    std::string registry;   // "docker.io", "127.0.0.1:5000" ...
    std::string repository; // "library/busybox", "team/app"
    std::string tag;        // "latest" when neither tag nor digest was given
    std::string digest;     // "sha256:<64 hex>" or empty

    // The short form Docker shows: "busybox:latest", "127.0.0.1:5000/app:v1",
    // "app@sha256:…" (docker.io and library/ left out).
    std::string familiar() const;
    // Without tag or digest, familiar: "busybox", "127.0.0.1:5000/app".
    std::string familiarName() const;
    // Fully qualified: "docker.io/library/busybox:latest".
    std::string canonical() const;
    // The registry's API host: "registry-1.docker.io" for docker.io, else `registry`.
    std::string apiHost() const;
};

// Parses and normalises a reference; throws SpecError saying what is wrong with it (upper
// case in the repository, a bad tag, a digest that is not sha256 with 64 hex digits...).
ImageRef parseImageRef(const std::string &text);

// A loopback registry (localhost, 127.0.0.0/8, ::1, with any port): spoken to over plain
// HTTP without any option, as Docker does.
bool isLoopbackRegistry(const std::string &registry);

} // namespace hako
