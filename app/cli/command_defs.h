// Every hakoctl command's flags, usage and summary: data, so the parser and --help agree and
// the tests can parse real command lines without a bus.
#pragma once

#include "flags.h"

#include <QList>

namespace hako::cli {

const QList<CommandDef> &commandDefs();
const CommandDef *findCommandDef(const QString &name);
QString mainHelp(); // `hakoctl --help`

} // namespace hako::cli
