// Every hakoctl command's flags, usage and summary: data, so the parser and --help agree and
// the tests can parse real command lines without a bus.
#pragma once

#include "flags.h"

#include <QList>

namespace hako::cli {

const QList<CommandDef> &commandDefs();
const CommandDef *findCommandDef(const QString &name);
QString mainHelp(); // `hakoctl --help`

// The management groups (image, volume, system, container) whose subcommands are defined
// as commands named "image ls", "volume create"...; `hakoctl image --help` lists them.
struct GroupDef {
    QString name;
    QString summary;
};
const QList<GroupDef> &commandGroups();
QString groupHelp(const QString &group);

// The image, volume and disk-usage commands (storage_command_defs.cpp), with their aliases.
QList<CommandDef> storageCommandDefs();
// The network commands and `port` (network_command_defs.cpp), with their aliases.
QList<CommandDef> networkCommandDefs();
// The command an alias stands for ("image ls" → "images"); other names unchanged.
QString aliasTarget(const QString &name);

} // namespace hako::cli
