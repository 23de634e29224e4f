// Registry credentials for `hakoctl pull`, read from Docker's client config as `docker login`
// writes it (~/.docker/config.json, or $DOCKER_CONFIG/config.json): the "auths" entry of the
// registry — its "auth" (base64 of "user:password") or "username"/"password". Credential
// helpers ("credsStore", "credHelpers") are programs of the user's; hakoctl does not run them.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <utility>

namespace hako::cli {

// The credentials for `registry` ("127.0.0.1:5000", "docker.io") in the config's JSON, if any.
std::optional<std::pair<QString, QString>> credentialsFromDockerConfig(const QByteArray &configJson,
                                                                        const QString &registry);
// $DOCKER_CONFIG/config.json, else ~/.docker/config.json.
QString dockerConfigPath();

} // namespace hako::cli
