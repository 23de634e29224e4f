// One repository on one registry: the base URL (HTTPS, or plain HTTP for loopback and
// insecure registries), and GETs that answer a 401 challenge once and keep the resulting
// Authorization for the requests that follow.
#pragma once

#include "image_ref.h"
#include "registry_auth.h"
#include "registry_http.h"

#include <string>

namespace hako {

struct PullOptions;

class RegistryClient {
public:
    RegistryClient(const ImageRef &ref, const PullOptions &options);

    // "<base>/v2/<repository>/<path>", e.g. path "manifests/latest".
    std::string url(const std::string &path) const;
    // GETs `path` with `request`'s headers and sink (its url and auth are filled in here).
    // Transport failures on HTTPS say how to allow a plain-HTTP registry.
    HttpResponse get(const std::string &path, HttpRequest request);
    // The registry's error body ({"errors":[{"code","message"}]}) as one line, or the body.
    static std::string errorText(const HttpResponse &response);

    const ImageRef &ref() const { return ref_; }
    // A client for another thread: its own connection, the same credentials and token.
    RegistryClient(const RegistryClient &other, const PullOptions &options);

private:
    HttpResponse perform(const HttpRequest &request);

    ImageRef ref_;
    const PullOptions &options_;
    bool secure_;
    std::string base_;
    std::string authorization_;
    Http http_;
};

} // namespace hako
