#include "shell_launcher.h"

#include "container_text.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace hako::gui {

namespace {

// The translation context of these texts.
struct ShellLauncher {
    Q_DECLARE_TR_FUNCTIONS(ShellLauncher)
};

// How a terminal is told which command to run.
enum class CommandStyle {
    DashE,       // -e cmd args… (xterm, konsole, alacritty, Debian's x-terminal-emulator)
    DashX,       // -x cmd args… (their -e takes one string)
    DoubleDash,  // -- cmd args…
    Bare,        // cmd args…
    WeztermStart // start -- cmd args…
};

struct KnownTerminal {
    const char *name;
    CommandStyle style;
};

// Tried in this order after $TERMINAL and x-terminal-emulator.
constexpr KnownTerminal kKnownTerminals[] = {
    {"gnome-terminal", CommandStyle::DoubleDash},
    {"kgx", CommandStyle::DoubleDash},
    {"ptyxis", CommandStyle::DoubleDash},
    {"konsole", CommandStyle::DashE},
    {"xfce4-terminal", CommandStyle::DashX},
    {"mate-terminal", CommandStyle::DashX},
    {"terminator", CommandStyle::DashX},
    {"tilix", CommandStyle::DashE},
    {"lxterminal", CommandStyle::DashE},
    {"qterminal", CommandStyle::DashE},
    {"alacritty", CommandStyle::DashE},
    {"kitty", CommandStyle::Bare},
    {"foot", CommandStyle::Bare},
    {"wezterm", CommandStyle::WeztermStart},
    {"urxvt", CommandStyle::DashE},
    {"xterm", CommandStyle::DashE},
};

CommandStyle styleOf(const QString &program)
{
    const QString name = QFileInfo(program).fileName();
    for (const KnownTerminal &known : kKnownTerminals)
        if (name == QLatin1String(known.name))
            return known.style;
    return CommandStyle::DashE; // the convention Debian requires of x-terminal-emulator
}

QStringList argumentsFor(CommandStyle style, const QStringList &command)
{
    switch (style) {
    case CommandStyle::DashE:
        return QStringList{QStringLiteral("-e")} + command;
    case CommandStyle::DashX:
        return QStringList{QStringLiteral("-x")} + command;
    case CommandStyle::DoubleDash:
        return QStringList{QStringLiteral("--")} + command;
    case CommandStyle::WeztermStart:
        return QStringList{QStringLiteral("start"), QStringLiteral("--")} + command;
    case CommandStyle::Bare:
        break;
    }
    return command;
}

// A dialog with the command to copy, for when no terminal can be started.
void showCommandToCopy(const QString &commandLine, const QString &why, QWidget *parent)
{
    auto *dialog = new QDialog(parent);
    dialog->setObjectName(QStringLiteral("shellCommandDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(ShellLauncher::tr("Open a shell"));
    auto *explanation = new QLabel(why, dialog);
    explanation->setWordWrap(true);
    auto *line = new QLineEdit(commandLine, dialog);
    line->setObjectName(QStringLiteral("shellCommand"));
    line->setReadOnly(true);
    line->setAccessibleName(ShellLauncher::tr("Command"));
    line->selectAll();
    explanation->setBuddy(line);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QPushButton *copy =
        buttons->addButton(ShellLauncher::tr("&Copy"), QDialogButtonBox::ActionRole);
    QObject::connect(copy, &QPushButton::clicked, dialog,
                     [commandLine] { QGuiApplication::clipboard()->setText(commandLine); });
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(explanation);
    layout->addWidget(line);
    layout->addWidget(buttons);
    dialog->open();
}

} // namespace

QString hakoctlProgram()
{
    const QString here = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {here + QStringLiteral("/hakoctl"),
                                     here + QStringLiteral("/../cli/hakoctl")}) // the build tree
        if (QFileInfo(candidate).isExecutable())
            return QDir::cleanPath(candidate);
    return QStringLiteral("hakoctl");
}

QStringList shellCommand(const QString &container)
{
    return {hakoctlProgram(), QStringLiteral("exec"), QStringLiteral("-it"), container,
            QStringLiteral("sh")};
}

QString shellCommandLine(const QString &container)
{
    return shellLine(shellCommand(container));
}

TerminalCommand terminalFor(const QStringList &command)
{
    QStringList candidates;
    const QString chosen = qEnvironmentVariable("TERMINAL");
    if (!chosen.isEmpty())
        candidates << chosen;
    candidates << QStringLiteral("x-terminal-emulator");
    for (const KnownTerminal &known : kKnownTerminals)
        candidates << QLatin1String(known.name);
    for (const QString &candidate : candidates) {
        const QString program = QStandardPaths::findExecutable(candidate);
        if (!program.isEmpty())
            return {program, argumentsFor(styleOf(candidate), command)};
    }
    return {};
}

bool openShell(const QString &container, QWidget *parent)
{
    const TerminalCommand terminal = terminalFor(shellCommand(container));
    if (terminal.program.isEmpty()) {
        showCommandToCopy(shellCommandLine(container),
                          ShellLauncher::tr("No terminal emulator was found (set $TERMINAL to "
                                            "choose one). Run this command in a terminal:"),
                          parent);
        return false;
    }
    if (!QProcess::startDetached(terminal.program, terminal.arguments)) {
        showCommandToCopy(shellCommandLine(container),
                          ShellLauncher::tr("The terminal %1 could not be started. Run this "
                                            "command in a terminal:")
                              .arg(terminal.program),
                          parent);
        return false;
    }
    return true;
}

} // namespace hako::gui
