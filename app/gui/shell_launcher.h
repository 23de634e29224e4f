// "Open a shell": the desktop's terminal emulator running `hakoctl exec -it <container> sh`.
// The terminal is $TERMINAL, else Debian's x-terminal-emulator, else the first common one
// found; each is given the command the way it expects (-e, -x, --, or as it is).
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace hako::gui {

struct TerminalCommand {
    QString program; // empty: no terminal emulator was found
    QStringList arguments;
};

// hakoctl beside the app (installed, or in the build tree), else the one on PATH.
QString hakoctlProgram();

// The shell command for a container, as arguments and as a line to copy.
QStringList shellCommand(const QString &container);
QString shellCommandLine(const QString &container);

// The terminal that would run `command`, by the rules above.
TerminalCommand terminalFor(const QStringList &command);

// Opens the shell in a terminal; without one (or if it cannot start), a dialog shows the
// command to copy into a terminal of the person's choice. Returns true if a terminal started.
bool openShell(const QString &container, QWidget *parent);

} // namespace hako::gui
