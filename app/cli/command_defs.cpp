#include "command_defs.h"

#include "mount_options.h"
#include "network_options.h"
#include "resource_options.h"
#include "security_options.h"

#include <algorithm>

namespace hako::cli {

namespace {

FlagDef flag(const char *name, char shorthand, FlagKind kind, const char *help, const char *def = "")
{
    return FlagDef{QLatin1String(name), shorthand ? QChar(QLatin1Char(shorthand)) : QChar(),
                   kind, QLatin1String(help), QLatin1String(def)};
}

// run and create share these; run adds -d and --rm.
QList<FlagDef> containerFlags()
{
    // The namespace flags' values are parsed in namespace_options.cpp, the resource flags'
    // (--cpus, -m, ...) in resource_options.cpp, the security flags' (--cap-add, --tmpfs, ...)
    // in security_options.cpp.
    QList<FlagDef> flags = {
        flag("cgroupns", 0, FlagKind::String, "Cgroup namespace to use (host|private)"),
        flag("env", 'e', FlagKind::List, "Set environment variables"),
        flag("env-file", 0, FlagKind::List, "Read in a file of environment variables"),
        flag("hostname", 0, FlagKind::String, "Container host name"),
        flag("interactive", 'i', FlagKind::Bool, "Keep STDIN open even if not attached"),
        flag("ipc", 0, FlagKind::String, "IPC namespace to use (host|container:NAME|private)"),
        flag("name", 0, FlagKind::String, "Assign a name to the container"),
        flag("net", 0, FlagKind::String, "Same as --network"),
        flag("network", 0, FlagKind::String, "Connect a container to a network (bridge|NETWORK|none|host|container:NAME)", "bridge"),
        flag("pid", 0, FlagKind::String, "PID namespace to use (host|container:NAME)"),
        flag("tty", 't', FlagKind::Bool, "Allocate a pseudo-TTY"),
        flag("uts", 0, FlagKind::String, "UTS namespace to use (host)"),
        flag("user", 'u', FlagKind::String, "Username or UID (format: <name|uid>[:<group|gid>])"),
        flag("workdir", 'w', FlagKind::String, "Working directory inside the container"),
    };
    flags.append(resourceFlagDefs());
    flags.append(securityFlagDefs());
    flags.append(mountFlagDefs());
    flags.append(networkFlagDefs());
    // In --help's alphabetical order, as docker lists them.
    std::sort(flags.begin(), flags.end(), [](const FlagDef &a, const FlagDef &b) { return a.name < b.name; });
    return flags;
}

CommandDef def(const char *name, const char *usage, const char *summary, QList<FlagDef> flags,
               int minArgs, int maxArgs, bool interspersed = true)
{
    return CommandDef{QLatin1String(name), QLatin1String(usage), QLatin1String(summary),
                      std::move(flags), interspersed, minArgs, maxArgs};
}

CommandDef checkDef()
{
    CommandDef check = def("check", "[OPTIONS] CONTAINER [CONTAINER...]",
                           "Check that one or more running containers are isolated",
                           {flag("format", 0, FlagKind::String,
                                 "Format output: table, json (one report per line), or a Go template"),
                            flag("verbose", 'v', FlagKind::Bool, "Show the evidence of each check")},
                           1, -1);
    check.description = QStringLiteral(
        "Runs Hako's read-only probe inside each container and judges what it sees (PID view,\n"
        "hostname, network, IPC, mounts, user mapping, capabilities, seccomp, resource\n"
        "limits) against the container's settings and the host. Verdicts: isolated, weakened\n"
        "(its settings ask for less isolation), failed (the kernel shows something else than\n"
        "the settings ask for), unknown (could not be checked).\n"
        "\n"
        "Exit status:\n"
        "  0    no check failed (weakened and unknown checks do not count)\n"
        "  1    at least one check failed\n"
        "  125  hakoctl could not check (a usage error, or the helper's error)");
    return check;
}

QList<CommandDef> makeDefs()
{
    QList<FlagDef> runFlags = containerFlags();
    runFlags.append(flag("detach", 'd', FlagKind::Bool, "Run container in background and print container ID"));
    runFlags.append(flag("rm", 0, FlagKind::Bool, "Automatically remove the container when it exits"));
    runFlags.append(flag("sig-proxy", 0, FlagKind::Bool, "Proxy received signals to the process", "true"));
    const auto timeFlag = flag("time", 't', FlagKind::Int, "Seconds to wait before killing the container", "10");
    return {
        def("run", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create and run a new container from an image", runFlags, 1, -1, false),
        def("create", "[OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container", containerFlags(), 1, -1, false),
        def("ps", "[OPTIONS]", "List containers",
            {flag("all", 'a', FlagKind::Bool, "Show all containers (default shows just running)"),
             flag("format", 0, FlagKind::String, "Format output using a Go template"),
             flag("no-trunc", 0, FlagKind::Bool, "Don't truncate output"),
             flag("quiet", 'q', FlagKind::Bool, "Only display container IDs")}, 0, 0),
        def("start", "[OPTIONS] CONTAINER [CONTAINER...]", "Start one or more stopped containers",
            {flag("attach", 'a', FlagKind::Bool, "Attach STDOUT/STDERR and forward signals"),
             flag("interactive", 'i', FlagKind::Bool, "Attach container's STDIN")}, 1, -1),
        def("stop", "[OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers", {timeFlag}, 1, -1),
        def("restart", "[OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers", {timeFlag}, 1, -1),
        def("kill", "[OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers",
            {flag("signal", 's', FlagKind::String, "Signal to send to the container", "KILL")}, 1, -1),
        def("rm", "[OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers",
            {flag("force", 'f', FlagKind::Bool, "Force the removal of a running container")}, 1, -1),
        def("logs", "[OPTIONS] CONTAINER", "Fetch the logs of a container",
            {flag("follow", 'f', FlagKind::Bool, "Follow log output"),
             flag("tail", 'n', FlagKind::String, "Number of lines to show from the end of the logs", "all"),
             flag("timestamps", 't', FlagKind::Bool, "Show timestamps")}, 1, 1),
        def("inspect", "[OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on containers or images",
            {flag("format", 'f', FlagKind::String, "Format output using a Go template")}, 1, -1),
        def("wait", "CONTAINER [CONTAINER...]", "Block until one or more containers stop, then print their exit codes", {}, 1, -1),
        def("exec", "[OPTIONS] CONTAINER COMMAND [ARG...]", "Execute a command in a running container",
            {flag("detach", 'd', FlagKind::Bool, "Detached mode: run command in the background"),
             flag("env", 'e', FlagKind::List, "Set environment variables"),
             flag("interactive", 'i', FlagKind::Bool, "Keep STDIN open even if not attached"),
             flag("tty", 't', FlagKind::Bool, "Allocate a pseudo-TTY"),
             flag("user", 'u', FlagKind::String, "Username or UID (format: <name|uid>[:<group|gid>])"),
             flag("workdir", 'w', FlagKind::String, "Working directory inside the container")}, 2, -1, false),
        def("pause", "CONTAINER [CONTAINER...]", "Pause all processes within one or more containers", {}, 1, -1),
        def("unpause", "CONTAINER [CONTAINER...]", "Unpause all processes within one or more containers", {}, 1, -1),
        def("update", "[OPTIONS] CONTAINER [CONTAINER...]", "Update configuration of one or more containers",
            resourceFlagDefs(), 1, -1),
        def("stats", "[OPTIONS] [CONTAINER...]", "Display a live stream of container(s) resource usage statistics",
            {flag("all", 'a', FlagKind::Bool, "Show all containers (default shows just running)"),
             flag("format", 0, FlagKind::String, "Format output using a Go template"),
             flag("no-stream", 0, FlagKind::Bool, "Disable streaming stats and only pull the first result"),
             flag("no-trunc", 0, FlagKind::Bool, "Do not truncate output")}, 0, -1),
        def("top", "CONTAINER", "Display the running processes of a container", {}, 1, 1),
        checkDef(),
        def("info", "", "Display system-wide information", {}, 0, 0),
        def("version", "", "Show the hakoctl and hako-helper version information", {}, 0, 0),
    };
}

} // namespace

const QList<CommandDef> &commandDefs()
{
    static const QList<CommandDef> defs = makeDefs() + storageCommandDefs() + networkCommandDefs();
    return defs;
}

const CommandDef *findCommandDef(const QString &name)
{
    for (const CommandDef &command : commandDefs())
        if (command.name == name)
            return &command;
    return nullptr;
}

QString mainHelp()
{
    QString text = QStringLiteral("\nUsage:  hakoctl COMMAND\n\nDocker's command line for Hako "
                                  "containers, over the hako-helper D-Bus service.\n\nCommands:\n");
    for (const CommandDef &command : commandDefs())
        if (!command.name.contains(QLatin1Char(' '))) // a group's subcommand: under its group
            text += QStringLiteral("  ") + command.name.leftJustified(10) + command.summary + QLatin1Char('\n');
    text += QStringLiteral("\nManagement Commands:\n");
    for (const GroupDef &group : commandGroups())
        text += QStringLiteral("  ") + group.name.leftJustified(10) + group.summary + QLatin1Char('\n');
    text += QStringLiteral("\nRun 'hakoctl COMMAND --help' for more information on a command.\n");
    return text;
}

} // namespace hako::cli
