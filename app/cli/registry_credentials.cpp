#include "registry_credentials.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace hako::cli {

namespace {

// The keys `docker login` may have used for `registry`: Docker Hub has several historical
// ones; others appear bare or with a scheme.
QStringList keysFor(const QString &registry)
{
    if (registry == QLatin1String("docker.io"))
        return {QStringLiteral("https://index.docker.io/v1/"), QStringLiteral("index.docker.io"),
                QStringLiteral("docker.io"), QStringLiteral("registry-1.docker.io")};
    return {registry, QStringLiteral("https://") + registry, QStringLiteral("http://") + registry};
}

std::optional<std::pair<QString, QString>> fromEntry(const QJsonObject &entry)
{
    const QString auth = entry.value(QLatin1String("auth")).toString();
    if (!auth.isEmpty()) {
        const QString decoded = QString::fromUtf8(QByteArray::fromBase64(auth.toLatin1()));
        const qsizetype colon = decoded.indexOf(QLatin1Char(':'));
        if (colon > 0)
            return std::pair{decoded.left(colon), decoded.mid(colon + 1)};
    }
    const QString user = entry.value(QLatin1String("username")).toString();
    if (!user.isEmpty())
        return std::pair{user, entry.value(QLatin1String("password")).toString()};
    return std::nullopt;
}

} // namespace

std::optional<std::pair<QString, QString>> credentialsFromDockerConfig(const QByteArray &configJson,
                                                                        const QString &registry)
{
    const QJsonObject auths = QJsonDocument::fromJson(configJson).object().value(QLatin1String("auths")).toObject();
    for (const QString &key : keysFor(registry))
        if (auths.contains(key))
            if (auto found = fromEntry(auths.value(key).toObject()))
                return found;
    return std::nullopt;
}

QString dockerConfigPath()
{
    const QString dir = qEnvironmentVariable("DOCKER_CONFIG");
    return (dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.docker") : dir) + QStringLiteral("/config.json");
}

} // namespace hako::cli
