// Registry authentication: the WWW-Authenticate challenge of a 401 answered either with
// basic credentials or, for "Bearer realm=…,service=…,scope=…", with a token fetched from
// the realm (itself with basic credentials when we have them), as the Docker token spec says.
#pragma once

#include "registry_http.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hako {

struct RegistryCredentials;

struct AuthChallenge {
    std::string scheme;                        // lower-case: "bearer", "basic"
    std::map<std::string, std::string> params; // realm, service, scope...
};

// Parses one WWW-Authenticate value (`Bearer realm="https://…",service="…"`).
AuthChallenge parseAuthChallenge(const std::string &value);

struct AuthContext {
    std::string registry;     // for messages: the repository, "127.0.0.1:5000/app"
    std::string scope;        // "repository:team/app:pull"
    const RegistryCredentials *credentials = nullptr;
    std::string caFile;
    const std::atomic<bool> *cancel = nullptr;
    // The registry is spoken to over HTTPS: its token service must be too (a realm or a
    // redirect to plain HTTP would carry the credentials in the clear).
    bool secure = true;
};

// The Authorization header answering `challenges` (from a 401 to `url`). Error naming the
// registry when it needs credentials we do not have, or refuses ours.
std::string answerChallenge(Http &http, const std::vector<std::string> &challenges, const std::string &url,
                            const AuthContext &context);

} // namespace hako
