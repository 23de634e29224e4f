#include "command_line.h"

#include "shell_words.h"

namespace hako::cli
{

namespace
{

void addOption(QStringList &words, const QString &flag, const QString &value)
{
    if (value.isEmpty())
        return;
    words << flag << value;
}

void addNamespaceFlags(QStringList &words, const NamespaceChoices &choices)
{
    // In the table's order, so the line reads the same whatever order they were chosen in.
    for (const NamespaceFlag &flag : namespaceFlags()) {
        const auto it = choices.find(flag.kind);
        if (it != choices.end())
            addOption(words, QStringLiteral("--") + flag.flag, namespaceFlagValue(it->second));
    }
}

// --network for a Hako network other than the default one, or none (hakoctl's default is
// bridge); host and container:X are namespace flags. Then the network's own settings.
void addNetworkFlags(QStringList &words, const NetworkOptions &network)
{
    const QString flag = QStringLiteral("--network");
    if (network.networks.isEmpty() && network.mode == QLatin1String("none"))
        words << flag << QStringLiteral("none");
    if (network.networks != QStringList{QStringLiteral("bridge")})
        for (const QString &name : network.networks)
            words << flag << name;
    for (const QString &port : network.publish)
        words << QStringLiteral("-p") << port;
    for (const QString &server : network.dns)
        words << QStringLiteral("--dns") << server;
    for (const QString &domain : network.dnsSearch)
        words << QStringLiteral("--dns-search") << domain;
    for (const QString &option : network.dnsOptions)
        words << QStringLiteral("--dns-option") << option;
    for (const QString &host : network.addHosts)
        words << QStringLiteral("--add-host") << host;
    addOption(words, QStringLiteral("--mac-address"), network.macAddress);
    addOption(words, QStringLiteral("--ip"), network.ipAddress);
}

} // namespace

QString renderCommandLine(const CommandLineRequest &request)
{
    const ContainerOptions &options = request.options;
    QStringList words{QStringLiteral("hakoctl"), request.verb};
    if (request.detach)
        words << QStringLiteral("-d");
    if (request.autoRemove)
        words << QStringLiteral("--rm");
    addOption(words, QStringLiteral("--name"), request.name);
    if (options.tty)
        words << QStringLiteral("-t");
    for (const QString &file : options.envFiles)
        addOption(words, QStringLiteral("--env-file"), file);
    for (const QString &entry : options.env)
        addOption(words, QStringLiteral("-e"), entry);
    addOption(words, QStringLiteral("-w"), options.workdir);
    addOption(words, QStringLiteral("--hostname"), options.hostname);
    addOption(words, QStringLiteral("-u"), options.user);
    addNamespaceFlags(words, options.namespaces);
    addNetworkFlags(words, options.network);
    words << resourceFlagWords(options.resources);
    words << securityFlagWords(options.security);
    words << mountFlagWords(options.mounts);
    words << (request.image.isEmpty() ? QStringLiteral("busybox") : request.image);
    words << options.command;
    return shellJoin(words);
}

} // namespace hako::cli
