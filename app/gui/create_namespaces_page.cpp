#include "create_namespaces_page.h"

#include "container_text.h"
#include "create_field_error.h"
#include "create_page_layout.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

struct KindText {
    cli::NamespaceKind kind;
    const char *title;
    const char *isolates;
    const char *risk; // of sharing it with the host, and of joining another container
};

// In the class's own translation context, the one its tr() looks in.
const KindText kKindTexts[] = {
    {cli::NamespaceKind::Pid,
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage", "PID namespace (pid)"),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage",
                       "Process IDs. Its own: the container sees only its own processes, and its "
                       "command runs as PID 1."),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage",
                       "Shared with the host, it sees every process on the host and, as root, can "
                       "signal them. Joined to another container, the two see and can signal each "
                       "other's processes, and it stops when that container stops.")},
    {cli::NamespaceKind::Network,
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage", "Network namespace (net)"),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage",
                       "Network interfaces, addresses, routes, ports and firewall rules. Its own: "
                       "a loopback interface, and one interface per Hako network it is on."),
     QT_TRANSLATE_NOOP(
         "hako::gui::CreateNamespacesPage",
         "Shared with the host, it uses the host's interfaces and ports directly and "
         "reaches services that listen only on the host's localhost. Joined to "
         "another container, the two share one network stack and meet on localhost.")},
    {cli::NamespaceKind::Ipc,
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage", "IPC namespace (ipc)"),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage",
                       "System V shared memory, semaphores and message queues, and POSIX message "
                       "queues."),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage",
                       "Shared with the host, it can read and change the shared memory of the "
                       "host's processes. Joined to another container, the two can share memory, "
                       "as cooperating programs need.")},
    {cli::NamespaceKind::Uts,
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage", "UTS namespace (uts)"),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage", "The host name and the NIS domain name."),
     QT_TRANSLATE_NOOP(
         "hako::gui::CreateNamespacesPage",
         "Shared with the host, the container cannot have a host name of its own and, "
         "as root, could change the host's.")},
    {cli::NamespaceKind::Cgroup,
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage", "Cgroup namespace (cgroup)"),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage",
                       "The view of the control group tree: its own makes the container's cgroup "
                       "look like the root."),
     QT_TRANSLATE_NOOP("hako::gui::CreateNamespacesPage",
                       "Shared with the host, /proc/self/cgroup shows the host's cgroup paths, "
                       "which tells the container how the host is organised.")},
};

const KindText &textOf(cli::NamespaceKind kind)
{
    return *std::find_if(std::begin(kKindTexts), std::end(kKindTexts),
                         [kind](const KindText &text) { return text.kind == kind; });
}

} // namespace

CreateNamespacesPage::CreateNamespacesPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("namespacesPage"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(wrappedLabel(
        tr("A namespace gives the container its own copy of one kind of system resource. Keep "
           "them isolated unless the container needs the host's or another container's. Sharing "
           "one with the host needs an administrator's approval every time."),
        content));
    for (const cli::NamespaceFlag &flag : cli::namespaceFlags()) {
        if (flag.kind != cli::NamespaceKind::Network) {
            addChoiceRow(layout, flag.kind);
            continue;
        }
        // The Network tab is the one place for the network: a second control here would
        // fight it over the same setting.
        const KindText &text = textOf(flag.kind);
        addFixedRow(layout, QStringLiteral("networkTab"), tr(text.title), tr(text.isolates),
                    tr("Chosen on the Network tab: bridge (the default), none, the host's "
                       "network or another container's."),
                    //: The network namespace's choice, which is made on the Network tab.
                    tr("Set on the Network tab"));
    }
    addFixedRow(
        layout, QStringLiteral("mount"), tr("Mount namespace (mnt)"),
        tr("The mount table: the container's root file system and everything mounted in it."),
        tr("Always isolated: the container's root file system is built inside this namespace, "
           "so it cannot be shared with the host or joined from another container."),
        tr("Isolated"));
    addFixedRow(
        layout, QStringLiteral("user"), tr("User namespace (user)"),
        tr("User and group IDs: root inside the container can be an unprivileged user on the "
           "host."),
        tr("Chosen on the Security tab: \"Map root to an unprivileged host range\" "
           "(--userns=remap) gives the container a user namespace of its own."),
        //: The user namespace's choice, which is made on the Security tab.
        tr("Set on the Security tab"));
    layout->addStretch();
    setScrollingContent(this, content);
}

QWidget *CreateNamespacesPage::describedBox(const QString &objectPrefix, const QString &title,
                                            const QString &isolates, const QString &note,
                                            QVBoxLayout **inner)
{
    auto *box = new QGroupBox(title);
    box->setObjectName(objectPrefix + QStringLiteral("NamespaceBox"));
    *inner = new QVBoxLayout(box);
    (*inner)->addWidget(wrappedLabel(isolates, box));
    QLabel *noteLabel = wrappedLabel(note, box);
    noteLabel->setObjectName(objectPrefix + QStringLiteral("NamespaceNote"));
    (*inner)->addWidget(noteLabel);
    return box;
}

void CreateNamespacesPage::addChoiceRow(QVBoxLayout *layout, cli::NamespaceKind kind)
{
    const cli::NamespaceFlag &flag = cli::namespaceFlag(kind);
    const KindText &text = textOf(kind);
    QVBoxLayout *inner = nullptr;
    QWidget *box =
        describedBox(flag.specType, tr(text.title), tr(text.isolates), tr(text.risk), &inner);

    Row row{kind, new QComboBox(box), nullptr, nullptr};
    row.mode->setObjectName(flag.specType + QStringLiteral("NamespaceMode"));
    row.mode->setAccessibleName(tr("%1: choice").arg(tr(text.title)));
    row.mode->addItem(tr("Isolated"), int(cli::NamespaceMode::Private));
    row.mode->addItem(tr("Share with the host"), int(cli::NamespaceMode::Host));
    auto *choice = new QHBoxLayout;
    choice->addWidget(row.mode);
    if (flag.canJoinContainer) {
        row.mode->addItem(tr("Join a container"), int(cli::NamespaceMode::Container));
        row.container = new QComboBox(box);
        row.container->setObjectName(flag.specType + QStringLiteral("NamespaceContainer"));
        row.container->setAccessibleName(tr("%1: container to join").arg(tr(text.title)));
        row.container->setEnabled(false);
        choice->addWidget(row.container, 1);
        connect(row.container, &QComboBox::currentIndexChanged, this,
                &CreateNamespacesPage::changed);
    } else {
        choice->addStretch(1);
    }
    inner->addLayout(choice);
    row.error = new FieldError(row.container ? row.container : row.mode, box);
    inner->addWidget(row.error);
    QComboBox *container = row.container;
    connect(row.mode, &QComboBox::currentIndexChanged, this, [this, mode = row.mode, container] {
        if (container)
            container->setEnabled(mode->currentData().toInt() ==
                                  int(cli::NamespaceMode::Container));
        emit changed();
    });
    rows_.append(row);
    layout->addWidget(box);
}

void CreateNamespacesPage::addFixedRow(QVBoxLayout *layout, const QString &type,
                                       const QString &title, const QString &isolates,
                                       const QString &why, const QString &choice)
{
    QVBoxLayout *inner = nullptr;
    QWidget *box = describedBox(type, title, isolates, why, &inner);
    auto *fixed = new QComboBox(box);
    fixed->setObjectName(type + QStringLiteral("NamespaceMode"));
    fixed->setAccessibleName(tr("%1: choice").arg(title));
    fixed->setAccessibleDescription(why);
    fixed->addItem(choice);
    fixed->setEnabled(false);
    auto *line = new QHBoxLayout;
    line->addWidget(fixed);
    line->addStretch(1);
    inner->addLayout(line);
    layout->addWidget(box);
}

cli::NamespaceChoices CreateNamespacesPage::choices() const
{
    cli::NamespaceChoices choices;
    for (const Row &row : rows_) {
        cli::NamespaceChoice choice;
        choice.mode = cli::NamespaceMode(row.mode->currentData().toInt());
        if (choice.mode == cli::NamespaceMode::Container && row.container->currentIndex() >= 0) {
            choice.containerId = row.container->currentData().toString();
            choice.container = row.container->currentData(Qt::UserRole + 1).toString();
        }
        if (choice.mode != cli::NamespaceMode::Private)
            choices[row.kind] = choice;
    }
    return choices;
}

void CreateNamespacesPage::setJoinTargets(const QList<JoinTarget> &targets)
{
    for (const Row &row : rows_) {
        if (!row.container)
            continue;
        const QString chosen = row.container->currentData().toString();
        const QSignalBlocker quiet(row.container);
        row.container->clear();
        for (const JoinTarget &target : targets) {
            //: A container to join: its name and its state ("web (running)").
            row.container->addItem(tr("%1 (%2)").arg(target.name, stateLabel(target.state)), target.id);
            row.container->setItemData(row.container->count() - 1, target.name, Qt::UserRole + 1);
        }
        row.container->setPlaceholderText(targets.isEmpty() ? tr("no containers yet") : QString());
        row.container->setCurrentIndex(std::max(0, row.container->findData(chosen)));
    }
    emit changed();
}

QList<cli::SpecProblem> CreateNamespacesPage::showProblems(const QList<cli::SpecProblem> &problems)
{
    QList<cli::SpecProblem> elsewhere = problems;
    for (const Row &row : rows_) {
        const QString path = cli::joinAnnotationPath(row.kind);
        QStringList messages;
        for (const cli::SpecProblem &problem : problems)
            if (problem.path == path)
                messages.append(problem.message);
        elsewhere.removeIf([&](const cli::SpecProblem &problem) { return problem.path == path; });
        row.error->setError(messages.join(QLatin1Char('\n')));
    }
    return elsewhere;
}

} // namespace hako::gui
