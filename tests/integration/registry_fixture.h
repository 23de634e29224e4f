// Loopback registries for the pull tests, started with tests/registry/*.sh (see
// tests/registry/README.md): Debian's docker-registry with the layered test images pushed,
// optionally behind basic auth, and the python fake for what a real registry will not do.
// Each lives in its own temp dir and is stopped (by its pid file) when destroyed.
#pragma once

#include <string>

namespace hako::test {

// Runs `command` with /bin/sh; returns its stdout. Fails the test (throws) on a non-zero exit.
std::string shell(const std::string &command);

class LoopbackRegistry {
public:
    enum class Kind { Distribution, FakeBadDigest, FakeBearer };
    // Distribution: docker-registry (with basic auth when `user` is given), images pushed.
    explicit LoopbackRegistry(Kind kind = Kind::Distribution, const std::string &user = {},
                              const std::string &password = {});
    ~LoopbackRegistry();
    LoopbackRegistry(const LoopbackRegistry &) = delete;
    LoopbackRegistry &operator=(const LoopbackRegistry &) = delete;

    std::string host() const { return "127.0.0.1:" + std::to_string(port_); } // "127.0.0.1:PORT"
    int port() const { return port_; }
    // Requests whose log line contains `needle` (e.g. "GET /v2/test/layered/blobs/").
    int countRequests(const std::string &needle) const;
    // GET of `path` under /v2/ with the manifest Accept types, the body. `authorization`: an
    // Authorization header value (the fake's token is "Bearer fake-token-123"); empty: the
    // basic credentials the registry was started with, if any.
    std::string get(const std::string &path, const std::string &authorization = {}) const;

private:
    std::string dir_;
    std::string pidFile_;
    std::string logFile_;
    std::string credentials_;
    int port_ = 0;
};

} // namespace hako::test
