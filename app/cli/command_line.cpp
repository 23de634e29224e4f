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
    words << resourceFlagWords(options.resources);
    words << securityFlagWords(options.security);
    words << mountFlagWords(options.mounts);
    words << (request.image.isEmpty() ? QStringLiteral("busybox") : request.image);
    words << options.command;
    return shellJoin(words);
}

} // namespace hako::cli
