// info and version: what the helper says about the host, and both sides' versions.
#include "session.h"

#include <QDBusVariant>

namespace hako::cli {

namespace {

QString valueText(const QVariant &value)
{
    if (value.canConvert<QDBusVariant>())
        return valueText(value.value<QDBusVariant>().variant());
    if (value.typeId() == QMetaType::QStringList)
        return value.toStringList().join(QStringLiteral(", "));
    if (value.typeId() == QMetaType::Bool)
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    return value.toString();
}

QString containerCounts(Session &session)
{
    QDBusPendingReply<QList<QVariantMap>> reply = session.manager().ListContainers();
    reply.waitForFinished();
    if (reply.isError())
        return QString();
    int running = 0, paused = 0, stopped = 0;
    for (const QVariantMap &entry : reply.value()) {
        const QString state = entry.value(QStringLiteral("State")).toString().toLower();
        running += state == QLatin1String("running");
        paused += state == QLatin1String("paused");
        stopped += state != QLatin1String("running") && state != QLatin1String("paused");
    }
    return QStringLiteral(" Containers: %1\n  Running: %2\n  Paused: %3\n  Stopped: %4\n")
        .arg(reply.value().size()).arg(running).arg(paused).arg(stopped);
}

} // namespace

int cmdInfo(const ParsedArgs &, Session &session)
{
    QDBusPendingReply<QVariantMap> reply = session.manager().GetHostInfo();
    if (!finished(reply))
        return kExitHakoError;
    QVariantMap info = reply.value();
    // The keys docker info users look for first, in docker's order; the rest after them.
    const std::pair<const char *, const char *> known[] = {
        {"Version", "Server Version"}, {"StateRoot", "Hako Root Dir"}, {"Overlay", "Overlay"},
        {"CgroupMode", "Cgroup Version"}, {"Kernel", "Kernel Version"}, {"Seccomp", "Seccomp"},
        {"UserNamespaces", "User Namespaces"}, {"LSMs", "Security Modules"},
    };
    QString text = QStringLiteral("Server:\n") + containerCounts(session);
    for (const auto &[key, label] : known) {
        if (!info.contains(QLatin1String(key)))
            continue;
        text += QStringLiteral(" %1: %2\n").arg(QLatin1String(label), valueText(info.take(QLatin1String(key))));
    }
    for (auto it = info.begin(); it != info.end(); ++it)
        text += QStringLiteral(" %1: %2\n").arg(it.key(), valueText(it.value()));
    printOut(text);
    return 0;
}

int cmdVersion(const ParsedArgs &, Session &session)
{
    printOut(QStringLiteral("Client:\n Version:    %1\n API:        org.hako.Containers1\n\n")
                 .arg(QLatin1String(HAKO_VERSION)));
    QDBusPendingReply<QVariantMap> reply = session.manager().GetHostInfo();
    if (!finished(reply))
        return kExitHakoError;
    printOut(QStringLiteral("Server: hako-helper\n Version:    %1\n Kernel:     %2\n")
                 .arg(valueText(reply.value().value(QStringLiteral("Version"))),
                      valueText(reply.value().value(QStringLiteral("Kernel")))));
    return 0;
}

} // namespace hako::cli
