// A small libcurl wrapper for the registry client: one GET (or HEAD) at a time per Http
// object, response headers collected, the body either kept or handed to a sink as it arrives.
// Redirects are followed (registries send blobs to object storage); libcurl sends our
// Authorization header to the original host only, so a token never leaks to the storage host.
#pragma once

#include "error.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hako {

// No HTTP answer: `tlsFailed` when the TLS handshake did not complete (a registry that speaks
// plain HTTP answers an HTTPS client that way).
class HttpTransportError : public Error {
public:
    HttpTransportError(const std::string &message, bool tlsFailed) : Error(message), tlsFailed(tlsFailed) {}
    bool tlsFailed;
};

struct HttpRequest {
    std::string url;
    std::vector<std::string> headers; // "Name: value"
    std::string caFile;               // extra CA bundle; empty: the system's
    bool followRedirects = false;
    bool allowPlainHttpRedirects = true; // off for HTTPS registries: no downgrade on redirect
    const std::atomic<bool> *cancel = nullptr;
    // Called with each piece of a 2xx body and the status (200, 206...); the body is not kept
    // then. Returns false to stop the transfer.
    std::function<bool(std::string_view, long status)> sink;
    // Called with (bytes so far, total or 0) as the body arrives.
    std::function<void(uint64_t, uint64_t)> onProgress;
};

struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers; // lower-case names; last value wins
    std::vector<std::string> authenticate;      // every WWW-Authenticate value
    std::string body;                            // when no sink took it (or on an error status)
    std::string effectiveUrl;                    // after redirects

    std::string header(const std::string &lowerName) const;
};

class Http {
public:
    Http();
    ~Http();
    Http(const Http &) = delete;
    Http &operator=(const Http &) = delete;

    // Throws Error naming the URL when no HTTP answer came (connection refused, TLS...), and
    // CancelledError when `cancel` was set. An HTTP error status is returned, not thrown.
    HttpResponse get(const HttpRequest &request);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Base64 (RFC 4648) of `data`, for basic auth.
std::string base64Encode(std::string_view data);

} // namespace hako
