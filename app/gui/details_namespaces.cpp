#include "details_namespaces.h"

#include "details_common.h"

#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <array>

namespace hako::gui {

namespace {

struct NamespaceKind {
    const char *kind; // as /proc/<pid>/ns names it, and the API's "Namespaces" keys
    const char *title;
    const char *isolates;
};

// The order a reader meets them in: what the container sees first.
constexpr std::array<NamespaceKind, 7> kKinds{{
    {"pid", QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "PID"),
     QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "Process IDs: the container sees only its own processes, "
                                         "its first one as PID 1.")},
    {"net", QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "Network"),
     QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "Network interfaces, addresses, routes, firewall rules and ports.")},
    {"mnt", QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "Mount"),
     QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "Mount points: the container has its own root file system and mounts.")},
    {"ipc", QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "IPC"),
     QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "System V IPC and POSIX message queues: shared memory, semaphores.")},
    {"uts", QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "UTS"),
     QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "The host name and the NIS domain name.")},
    {"cgroup", QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "Cgroup"),
     QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "The view of the cgroup tree: the container sees its own cgroup as the root.")},
    {"user", QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "User"),
     QT_TRANSLATE_NOOP("hako::gui::NamespacesPage", "User and group IDs: root inside can be an unprivileged user on the host.")},
}};

constexpr int kIsolatedRole = Qt::UserRole;

QTableWidgetItem *readOnlyItem(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

NamespacesPage::NamespacesPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("detailsNamespaces"));
    message_ = new PageMessage(QStringLiteral("namespacesMessage"), this);
    table_ = new QTableWidget(int(kKinds.size()), ColumnCount, this);
    table_->setObjectName(QStringLiteral("namespacesTable"));
    table_->setAccessibleName(tr("Namespaces of the container and of the host"));
    table_->setHorizontalHeaderLabels({tr("Namespace"), tr("What it isolates"),
                                       //: The inode number of the container's namespace
                                       tr("Container"),
                                       //: The inode number of the host's namespace
                                       tr("Host"),
                                       //: Isolated, or shared with the host
                                       tr("Status")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setTabKeyNavigation(false);
    table_->setWordWrap(true);
    QHeaderView *header = table_->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(Isolates, QHeaderView::Stretch);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message_);
    layout->addWidget(table_, 1);
    fillKinds();
    clear();
}

void NamespacesPage::fillKinds()
{
    for (int row = 0; row < int(kKinds.size()); ++row) {
        const NamespaceKind &k = kKinds[size_t(row)];
        auto *kind = readOnlyItem(QStringLiteral("%1 (%2)").arg(tr(k.title), QLatin1String(k.kind)));
        kind->setData(Qt::UserRole, QString::fromLatin1(k.kind));
        table_->setItem(row, Kind, kind);
        table_->setItem(row, Isolates, readOnlyItem(tr(k.isolates)));
        table_->setItem(row, ContainerInode, readOnlyItem({}));
        table_->setItem(row, HostInode, readOnlyItem({}));
        table_->setItem(row, Status, readOnlyItem({}));
    }
}

int NamespacesPage::rowOf(const QString &kind) const
{
    for (int row = 0; row < int(kKinds.size()); ++row)
        if (kind == QLatin1String(kKinds[size_t(row)].kind))
            return row;
    return -1;
}

void NamespacesPage::showContainer(const QVariantMap &container)
{
    const QVariantMap inodes = container.value(QStringLiteral("Namespaces")).toMap();
    if (inodes.isEmpty()) {
        clear();
        message_->showHint(tr("Namespaces exist only while the container runs; it is not running now."));
        return;
    }
    message_->clearMessage();
    for (int row = 0; row < int(kKinds.size()); ++row) {
        const QString kind = QLatin1String(kKinds[size_t(row)].kind);
        const qulonglong ours = inodes.value(kind).toULongLong();
        const qulonglong host = inodes.value(QStringLiteral("Host") + kind).toULongLong();
        const bool known = ours != 0 && host != 0;
        const bool isolated = ours != host;
        table_->item(row, ContainerInode)->setText(ours ? QString::number(ours) : QStringLiteral("—"));
        table_->item(row, HostInode)->setText(host ? QString::number(host) : QStringLiteral("—"));
        QTableWidgetItem *status = table_->item(row, Status);
        status->setText(!known ? tr("Unknown") : isolated ? tr("Isolated") : tr("Shared with the host"));
        status->setData(kIsolatedRole, known ? QVariant(isolated) : QVariant());
        QFont font = status->font();
        font.setBold(known && !isolated); // sharing is the exception worth noticing
        status->setFont(font);
    }
}

void NamespacesPage::showError(const QDBusError &error)
{
    message_->showError(error);
}

void NamespacesPage::clear()
{
    message_->clearMessage();
    for (int row = 0; row < int(kKinds.size()); ++row) {
        for (const int column : {ContainerInode, HostInode, Status})
            table_->item(row, column)->setText(QStringLiteral("—"));
        table_->item(row, Status)->setData(kIsolatedRole, QVariant());
    }
}

std::optional<bool> NamespacesPage::isIsolated(const QString &kind) const
{
    const int row = rowOf(kind);
    if (row < 0)
        return std::nullopt;
    const QVariant isolated = table_->item(row, Status)->data(kIsolatedRole);
    if (!isolated.isValid())
        return std::nullopt;
    return isolated.toBool();
}

} // namespace hako::gui
