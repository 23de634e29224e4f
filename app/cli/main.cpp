// hakoctl: Docker's command line over Hako's D-Bus API. This file only dispatches: the
// commands live in cmd_*.cpp, their flags in command_defs.cpp.
#include "command_defs.h"
#include "session.h"

#include <QCoreApplication>

#include <cstdio>

using namespace hako::cli;

namespace {

struct Entry {
    const char *name;
    Handler handler;
};

constexpr Entry kHandlers[] = {
    {"run", cmdRun},         {"create", cmdCreate}, {"start", cmdStart},     {"stop", cmdStop},
    {"restart", cmdRestart}, {"kill", cmdKill},     {"rm", cmdRm},           {"wait", cmdWait},
    {"ps", cmdPs},           {"inspect", cmdInspect}, {"logs", cmdLogs},     {"top", cmdTop},
    {"images", cmdImages},   {"info", cmdInfo},     {"version", cmdVersion}, {"exec", cmdExec},
    {"pause", cmdPause},     {"unpause", cmdUnpause}, {"update", cmdUpdate}, {"stats", cmdStats},
    {"check", cmdCheck},
    {"pull", cmdPull},       {"rmi", cmdRmi},       {"tag", cmdTag},         {"history", cmdHistory},
    {"import", cmdImport},   {"load", cmdLoad},     {"save", cmdSave},       {"export", cmdExport},
    {"commit", cmdCommit},   {"image prune", cmdImagePrune}, {"image inspect", cmdImageInspect},
    {"system df", cmdSystemDf}, {"volume ls", cmdVolumeLs}, {"volume create", cmdVolumeCreate},
    {"volume rm", cmdVolumeRm}, {"volume inspect", cmdVolumeInspect},
    {"network ls", cmdNetworkLs}, {"network create", cmdNetworkCreate}, {"network rm", cmdNetworkRm},
    {"network inspect", cmdNetworkInspect}, {"network connect", cmdNetworkConnect},
    {"network disconnect", cmdNetworkDisconnect}, {"port", cmdPort},
};

bool isGroup(const QString &name)
{
    for (const GroupDef &group : commandGroups())
        if (group.name == name)
            return true;
    return false;
}

Handler handlerFor(const QString &name)
{
    const QString target = aliasTarget(name);
    for (const Entry &entry : kHandlers)
        if (target == QLatin1String(entry.name))
            return entry.handler;
    return nullptr;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args[0] == QLatin1String("--help") || args[0] == QLatin1String("-h")
        || args[0] == QLatin1String("help")) {
        // `hakoctl help run` is `hakoctl run --help`.
        if (args.size() < 2 || !findCommandDef(args[1])) {
            printOut(mainHelp());
            return args.isEmpty() ? 1 : 0;
        }
        args = {args[1], QStringLiteral("--help")};
    }
    // "image ls …" is the command named "image ls"; the group alone shows its subcommands.
    if (isGroup(args[0])) {
        if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")) {
            printOut(groupHelp(args[0]));
            return 0;
        }
        const QString name = args[0] + QLatin1Char(' ') + args[1];
        if (!findCommandDef(name))
            return fail(QStringLiteral("'%1' is not a hakoctl command; see 'hakoctl %2 --help'").arg(name, args[0]));
        args = QStringList{name} + args.mid(2);
    }
    if (args[0] == QLatin1String("--version") || args[0] == QLatin1String("-v"))
        args[0] = QStringLiteral("version");
    const CommandDef *command = findCommandDef(args[0]);
    const Handler handler = handlerFor(args[0]);
    if (!command || !handler)
        return fail(args[0].startsWith(QLatin1Char('-'))
                        ? QStringLiteral("unknown flag: %1").arg(args[0])
                        : QStringLiteral("'%1' is not a hakoctl command; see 'hakoctl --help'").arg(args[0]));
    QString error;
    const auto parsed = FlagParser(*command).parse(args.mid(1), &error);
    if (!parsed)
        return fail(error);
    if (parsed->help) {
        printOut(helpText(*command));
        return 0;
    }
    Session session;
    return handler(*parsed, session);
}
