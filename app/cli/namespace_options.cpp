#include "namespace_options.h"

#include "network_options.h"

#include <QStringList>

#include <algorithm>

namespace hako::cli
{

namespace
{

const QString kHost = QStringLiteral("host");
const QString kContainerPrefix = QStringLiteral("container:");

// Values Docker takes that name a namespace of the container's own.
bool isPrivateWord(NamespaceKind kind, const QString &value)
{
    switch (kind) {
    case NamespaceKind::Network:
        return value == QLatin1String("none");
    case NamespaceKind::Ipc:
        return value == QLatin1String("private") || value == QLatin1String("shareable");
    case NamespaceKind::Cgroup:
        return value == QLatin1String("private");
    case NamespaceKind::Pid:
    case NamespaceKind::Uts:
        return false;
    }
    return false;
}

QString allowedValues(const NamespaceFlag &flag)
{
    QStringList values{kHost};
    if (flag.kind == NamespaceKind::Network)
        values.prepend(QStringLiteral("bridge, NETWORK"));
    if (flag.canJoinContainer)
        values.append(QStringLiteral("container:NAME"));
    if (!flag.privateWord.isEmpty())
        values.append(flag.privateWord);
    return values.join(QStringLiteral(", "));
}

} // namespace

const std::vector<NamespaceFlag> &namespaceFlags()
{
    static const std::vector<NamespaceFlag> flags = {
        {NamespaceKind::Pid, QStringLiteral("pid"), QStringLiteral("pid"), QString(), true},
        {NamespaceKind::Network, QStringLiteral("network"), QStringLiteral("network"),
         QStringLiteral("none"), true},
        {NamespaceKind::Ipc, QStringLiteral("ipc"), QStringLiteral("ipc"),
         QStringLiteral("private"), true},
        {NamespaceKind::Uts, QStringLiteral("uts"), QStringLiteral("uts"), QString(), false},
        {NamespaceKind::Cgroup, QStringLiteral("cgroupns"), QStringLiteral("cgroup"),
         QStringLiteral("private"), false},
    };
    return flags;
}

const NamespaceFlag &namespaceFlag(NamespaceKind kind)
{
    const auto &flags = namespaceFlags();
    return *std::find_if(flags.begin(), flags.end(),
                         [kind](const NamespaceFlag &flag) { return flag.kind == kind; });
}

std::optional<NamespaceChoice> parseNamespaceFlag(NamespaceKind kind, const QString &value,
                                                  QString *error)
{
    const NamespaceFlag &flag = namespaceFlag(kind);
    if (value == kHost)
        return NamespaceChoice{NamespaceMode::Host, {}, {}};
    if (isPrivateWord(kind, value))
        return NamespaceChoice{};
    if (flag.canJoinContainer && value.startsWith(kContainerPrefix)) {
        const QString container = value.mid(kContainerPrefix.size());
        if (!container.isEmpty())
            return NamespaceChoice{NamespaceMode::Container, container, {}};
        *error = QStringLiteral("--%1: container:NAME needs the name or id of a container")
                     .arg(flag.flag);
        return std::nullopt;
    }
    // bridge (the default) and a user network's name: a namespace of its own, given its
    // interfaces by Hako's networks (network_options.cpp).
    if (kind == NamespaceKind::Network && isNetworkName(value))
        return NamespaceChoice{};
    *error = QStringLiteral("--%1: invalid value \"%2\" (allowed: %3)")
                 .arg(flag.flag, value, allowedValues(flag));
    return std::nullopt;
}

QString namespaceFlagValue(const NamespaceChoice &choice)
{
    switch (choice.mode) {
    case NamespaceMode::Private:
        return QString();
    case NamespaceMode::Host:
        return kHost;
    case NamespaceMode::Container:
        return kContainerPrefix +
               (choice.container.isEmpty() ? choice.containerId : choice.container);
    }
    return QString();
}

std::optional<NamespaceChoices> namespaceChoicesFromArgs(const ParsedArgs &args, QString *error)
{
    NamespaceChoices choices;
    for (const NamespaceFlag &flag : namespaceFlags()) {
        QString name = flag.flag;
        if (flag.kind == NamespaceKind::Network && !args.isSet(name))
            name = QStringLiteral("net");
        if (!args.isSet(name))
            continue;
        const auto choice = parseNamespaceFlag(flag.kind, args.value(name), error);
        if (!choice)
            return std::nullopt;
        choices[flag.kind] = *choice;
    }
    return choices;
}

} // namespace hako::cli
