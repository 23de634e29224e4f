// What the table says about a container, in the person's language: the state's name, the
// uptime or exit status ("Up 5 minutes", "Exited (1) 2 minutes ago"), sizes and CPU.
// Docker's wording, as hakoctl ps uses it (app/cli/humanize.h), but translated: hakoctl's
// text is the untranslated English that scripts parse, so it cannot be reused here.
#pragma once

#include "container_info.h"

#include <QString>

namespace hako::gui {

// "Running", "Exited"… for the helper's state name.
QString stateLabel(const QString &state);

// Docker's HumanDuration: "Less than a second", "3 seconds", "About a minute", "5 minutes",
// "About an hour", "3 hours", "2 days", "3 weeks", "4 months", "2 years".
QString durationText(qint64 seconds);

// "Up 5 minutes", "Up 3 seconds (Paused)", "Exited (1) 2 minutes ago",
// "Exited (137) 1 second ago (OOM killed)", "Created".
QString statusText(const ContainerInfo &info, quint64 nowUsec);

// "12.5 %" / "24.0 MiB"; "—" while there is no figure (not running, or not yet measured).
QString cpuText(const ContainerInfo &info);
QString memoryText(const ContainerInfo &info);

// A command line as a person would type it in sh: `echo 'two words'`.
QString shellLine(const QStringList &args);

quint64 currentTimeUsec();

} // namespace hako::gui
