// The image, volume and disk-usage commands' flags and usage (docker's), and the management
// groups `image`, `volume` and `system` whose subcommands alias them, as in docker's CLI.
#include "command_defs.h"

#include <QMap>

#include <algorithm>

namespace hako::cli {

namespace {

FlagDef flag(const char *name, char shorthand, FlagKind kind, const char *help, const char *def = "")
{
    return FlagDef{QLatin1String(name), shorthand ? QChar(QLatin1Char(shorthand)) : QChar(),
                   kind, QLatin1String(help), QLatin1String(def)};
}

CommandDef def(const char *name, const char *usage, const char *summary, QList<FlagDef> flags,
               int minArgs, int maxArgs)
{
    return CommandDef{QLatin1String(name), QLatin1String(usage), QLatin1String(summary),
                      std::move(flags), true, minArgs, maxArgs};
}

FlagDef changeFlag()
{
    return flag("change", 'c', FlagKind::List, "Apply Dockerfile instruction to the created image");
}

FlagDef outputFlag()
{
    return flag("output", 'o', FlagKind::String, "Write to a file, instead of STDOUT");
}

// The commands docker has at the top level (pull, images, rmi...), each also a subcommand of
// its group (image pull, image ls, image rm...).
QList<CommandDef> topLevelDefs()
{
    return {
        def("pull", "[OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry",
            {flag("quiet", 'q', FlagKind::Bool, "Suppress verbose output")}, 1, 1),
        def("images", "[OPTIONS] [REPOSITORY[:TAG]]", "List images",
            {flag("all", 'a', FlagKind::Bool, "Show all images (default hides intermediate images)"),
             flag("format", 0, FlagKind::String, "Format output using a Go template"),
             flag("no-trunc", 0, FlagKind::Bool, "Don't truncate output"),
             flag("quiet", 'q', FlagKind::Bool, "Only show image IDs")}, 0, 1),
        def("rmi", "[OPTIONS] IMAGE [IMAGE...]", "Remove one or more images",
            {flag("force", 'f', FlagKind::Bool, "Force removal of the image")}, 1, -1),
        def("tag", "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
            "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", {}, 2, 2),
        def("import", "[OPTIONS] file|- [REPOSITORY[:TAG]]",
            "Import the contents from a tarball to create a filesystem image",
            {changeFlag(), flag("message", 'm', FlagKind::String, "Set commit message for imported image")}, 1, 2),
        def("load", "[OPTIONS]", "Load an image from a tar archive or STDIN",
            {flag("input", 'i', FlagKind::String, "Read from tar archive file, instead of STDIN"),
             flag("quiet", 'q', FlagKind::Bool, "Suppress the load output")}, 0, 0),
        def("save", "[OPTIONS] IMAGE [IMAGE...]",
            "Save one or more images to a tar archive (streamed to STDOUT by default)", {outputFlag()}, 1, -1),
        def("export", "[OPTIONS] CONTAINER", "Export a container's filesystem as a tar archive", {outputFlag()}, 1, 1),
        def("commit", "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]", "Create a new image from a container's changes",
            {flag("author", 'a', FlagKind::String, "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")"),
             changeFlag(), flag("message", 'm', FlagKind::String, "Commit message")}, 1, 2),
        def("history", "[OPTIONS] IMAGE", "Show the history of an image",
            {flag("no-trunc", 0, FlagKind::Bool, "Don't truncate output"),
             flag("quiet", 'q', FlagKind::Bool, "Only show image IDs")}, 1, 1),
    };
}

// Subcommands that alias a top-level command: "image ls" is "images".
struct Alias {
    const char *name;
    const char *target;
};
constexpr Alias kAliases[] = {
    {"image ls", "images"},       {"image list", "images"}, {"image rm", "rmi"},       {"image remove", "rmi"},
    {"image pull", "pull"},       {"image tag", "tag"},     {"image save", "save"},    {"image load", "load"},
    {"image import", "import"},   {"image history", "history"}, {"container export", "export"},
    {"container commit", "commit"}, {"volume list", "volume ls"}, {"volume remove", "volume rm"},
    {"network list", "network ls"}, {"network remove", "network rm"}, // network_command_defs.cpp
};

QList<CommandDef> groupDefs()
{
    return {
        def("image prune", "[OPTIONS]", "Remove unused images",
            {flag("all", 'a', FlagKind::Bool, "Remove all unused images, not just dangling ones"),
             flag("force", 'f', FlagKind::Bool, "Do not prompt for confirmation")}, 0, 0),
        def("image inspect", "[OPTIONS] IMAGE [IMAGE...]", "Display detailed information on one or more images",
            {flag("format", 'f', FlagKind::String, "Format output using a Go template")}, 1, -1),
        def("system df", "[OPTIONS]", "Show docker disk usage",
            {flag("verbose", 'v', FlagKind::Bool, "Show detailed information on space usage")}, 0, 0),
        def("volume ls", "[OPTIONS]", "List volumes",
            {flag("quiet", 'q', FlagKind::Bool, "Only display volume names")}, 0, 0),
        def("volume create", "[OPTIONS] [VOLUME]", "Create a volume",
            {flag("label", 0, FlagKind::List, "Set metadata for a volume")}, 0, 1),
        def("volume rm", "[OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes",
            {flag("force", 'f', FlagKind::Bool, "Force the removal of one or more volumes")}, 1, -1),
        def("volume inspect", "[OPTIONS] VOLUME [VOLUME...]", "Display detailed information on one or more volumes",
            {flag("format", 'f', FlagKind::String, "Format output using a Go template")}, 1, -1),
    };
}

} // namespace

QList<CommandDef> storageCommandDefs()
{
    QList<CommandDef> defs = topLevelDefs();
    defs.append(groupDefs());
    const QList<CommandDef> originals = defs;
    for (const Alias &alias : kAliases) {
        for (const CommandDef &command : originals) {
            if (command.name != QLatin1String(alias.target))
                continue;
            CommandDef copy = command;
            copy.name = QLatin1String(alias.name);
            defs.append(copy);
        }
    }
    return defs;
}

QString aliasTarget(const QString &name)
{
    for (const Alias &alias : kAliases)
        if (name == QLatin1String(alias.name))
            return QLatin1String(alias.target);
    return name;
}

const QList<GroupDef> &commandGroups()
{
    static const QList<GroupDef> groups = {
        {QStringLiteral("container"), QStringLiteral("Manage containers")},
        {QStringLiteral("image"), QStringLiteral("Manage images")},
        {QStringLiteral("network"), QStringLiteral("Manage networks")},
        {QStringLiteral("system"), QStringLiteral("Manage Hako")},
        {QStringLiteral("volume"), QStringLiteral("Manage volumes")},
    };
    return groups;
}

QString groupHelp(const QString &group)
{
    QString summary;
    for (const GroupDef &known : commandGroups())
        if (known.name == group)
            summary = known.summary;
    QString text = QStringLiteral("\nUsage:  hakoctl %1 COMMAND\n\n%2\n\nCommands:\n").arg(group, summary);
    // Alphabetical, each command once: "image list" is listed as "ls", as docker lists it.
    const QString prefix = group + QLatin1Char(' ');
    QMap<QString, QString> lines;
    QStringList targets;
    for (const CommandDef &command : commandDefs()) {
        const QString target = aliasTarget(command.name);
        if (!command.name.startsWith(prefix) || (target != command.name && targets.contains(target)))
            continue;
        targets.append(target);
        lines.insert(command.name.mid(prefix.size()), command.summary);
    }
    // Two spaces at least after the longest name ("disconnect"), as docker's columns.
    qsizetype width = 10;
    for (auto it = lines.begin(); it != lines.end(); ++it)
        width = std::max(width, it.key().size() + 2);
    for (auto it = lines.begin(); it != lines.end(); ++it)
        text += QStringLiteral("  ") + it.key().leftJustified(width) + it.value() + QLatin1Char('\n');
    text += QStringLiteral("\nRun 'hakoctl %1 COMMAND --help' for more information on a command.\n").arg(group);
    return text;
}

} // namespace hako::cli
