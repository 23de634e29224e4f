#include "container_model.h"

#include "container_text.h"
#include "helper_connection.h"
#include "state_icon.h"

#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QGuiApplication>

#include <algorithm>
#include <utility>

namespace hako::gui {

namespace {

const QString kManagerInterface = QStringLiteral("org.hako.Containers1.Manager");
const QString kContainerInterface = QStringLiteral("org.hako.Containers1.Container");
const QString kPropertiesInterface = QStringLiteral("org.freedesktop.DBus.Properties");
const QString kContainerPathPrefix = QStringLiteral("/org/hako/Containers1/container/");
constexpr int kTickMs = 1000;

// Sorts states from the most to the least alive.
int stateOrder(const QString &state)
{
    if (state == states::kRunning)
        return 0;
    if (state == states::kPaused)
        return 1;
    if (state == states::kCreated)
        return 2;
    return 3;
}

// The time the status column counts from, so sorting it puts the freshest first or last.
quint64 statusTime(const ContainerInfo &info)
{
    if (info.isRunning())
        return info.startedUsec;
    if (info.state == states::kStopped)
        return info.finishedUsec;
    return info.createdUsec;
}

QVariant sortValue(const ContainerInfo &info, int column)
{
    switch (column) {
    case ContainerModel::NameColumn:
        return info.name.toLower();
    case ContainerModel::ImageColumn:
        return info.image.toLower();
    case ContainerModel::StateColumn:
        return stateOrder(info.state);
    case ContainerModel::StatusColumn:
        return statusTime(info);
    case ContainerModel::CommandColumn:
        return info.commandLine();
    case ContainerModel::CpuColumn:
        return info.isRunning() && info.cpuPercent ? *info.cpuPercent : -1.0;
    case ContainerModel::MemoryColumn:
        return info.isRunning() && info.memoryBytes ? qint64(*info.memoryBytes) : qint64(-1);
    default:
        return {};
    }
}

QString displayText(const ContainerInfo &info, const QString &status, int column)
{
    switch (column) {
    case ContainerModel::NameColumn:
        return info.name;
    case ContainerModel::ImageColumn:
        return info.image;
    case ContainerModel::StateColumn:
        return stateLabel(info.state);
    case ContainerModel::StatusColumn:
        return status;
    case ContainerModel::CommandColumn:
        return info.commandLine();
    case ContainerModel::CpuColumn:
        return cpuText(info);
    case ContainerModel::MemoryColumn:
        return memoryText(info);
    default:
        return {};
    }
}

QString toolTip(const ContainerInfo &info, int column)
{
    switch (column) {
    case ContainerModel::NameColumn:
        return ContainerModel::tr("Id: %1").arg(info.id);
    case ContainerModel::StatusColumn:
    case ContainerModel::StateColumn:
        if (!info.error.isEmpty())
            return info.error;
        return info.isRunning() && info.pid != 0 ? ContainerModel::tr("Host PID %1").arg(info.pid)
                                                 : QString();
    case ContainerModel::CommandColumn:
        return info.commandLine();
    default:
        return {};
    }
}

} // namespace

ContainerModel::ContainerModel(HelperConnection *helper, QObject *parent)
    : QAbstractTableModel(parent), helper_(helper), palette_(QGuiApplication::palette())
{
    qDBusRegisterMetaType<QList<QVariantMap>>();
    ticker_.setInterval(kTickMs);
    connect(&ticker_, &QTimer::timeout, this, &ContainerModel::tick);
    connect(helper_, &HelperConnection::helperRestarted, this, [this] {
        hookSignals();
        // A list under way already reaches the helper that answers now (its reply comes
        // after the owner change): listing again would only double the start-up work.
        reload();
    });
    hookSignals();
    reload();
}

ContainerModel::~ContainerModel() = default;

void ContainerModel::hookSignals()
{
    QDBusConnection bus = helper_->bus();
    if (bus.name() == hookedBus_)
        return;
    hookedBus_ = bus.name();
    const QString service = QString::fromLatin1(client::kService);
    const QString manager = QString::fromLatin1(client::kManagerPath);
    bus.connect(service, manager, kManagerInterface, QStringLiteral("ContainerNew"), this,
                SLOT(onContainerNew(QString, QString)));
    bus.connect(service, manager, kManagerInterface, QStringLiteral("ContainerRemoved"), this,
                SLOT(onContainerRemoved(QString)));
    bus.connect(service, manager, kManagerInterface, QStringLiteral("ContainerStateChanged"), this,
                SLOT(onContainerStateChanged(QString, QString, int)));
    // One match for every container object (an empty path matches any), narrowed to the
    // Container interface by its first argument.
    bus.connect(service, QString(), kPropertiesInterface, QStringLiteral("PropertiesChanged"),
                {kContainerInterface}, QString(), this,
                SLOT(onPropertiesChanged(QString, QVariantMap, QStringList, QDBusMessage)));
}

void ContainerModel::reload()
{
    if (listInFlight_)
        return;
    listInFlight_ = true;
    touchedWhileListing_.clear();
    ++listRequests_;
    auto *watcher = new QDBusPendingCallWatcher(helper_->manager().ListContainers(), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        listInFlight_ = false;
        const QDBusPendingReply<QList<QVariantMap>> reply = *w;
        helper_->reportResult(reply.isError() ? reply.error() : QDBusError());
        if (reply.isError()) {
            emit loadFailed(reply.error());
            return;
        }
        applyList(reply.value());
    });
}

void ContainerModel::applyList(const QList<QVariantMap> &entries)
{
    beginResetModel();
    rows_.clear();
    rows_.reserve(entries.size());
    const quint64 now = currentTimeUsec();
    for (const QVariantMap &entry : entries) {
        Row row{ContainerInfo::fromEntry(entry), {}};
        row.status = statusText(row.info, now);
        rows_ << row;
    }
    endResetModel();
    loaded_ = true;
    // The list was read on the helper's worker thread; a signal that came while it was under
    // way may be newer than the list's entry, so those containers are asked again.
    const QSet<QString> touched = std::exchange(touchedWhileListing_, {});
    for (const QString &id : touched)
        fetch(id, rowOf(id) < 0);
    ticker_.start();
    emit loaded(int(rows_.size()));
}

void ContainerModel::fetch(const QString &id, bool withStatic)
{
    fetchProperties(id);
    if (withStatic)
        fetchStatic(id);
}

void ContainerModel::fetchProperties(const QString &id)
{
    // Properties come from the helper's main thread, in order with its signals: whatever
    // this reply says is at least as new as every signal before it.
    QDBusMessage call = QDBusMessage::createMethodCall(
        QString::fromLatin1(client::kService), kContainerPathPrefix + id, kPropertiesInterface,
        QStringLiteral("GetAll"));
    call << kContainerInterface;
    ++fetchRequests_;
    auto *watcher = new QDBusPendingCallWatcher(helper_->bus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, id](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<QVariantMap> reply = *w;
                if (reply.isError()) {
                    // No such object: the container was removed before we asked (the helper itself
                    // answered, so this says nothing about the connection).
                    if (reply.error().type() == QDBusError::UnknownObject)
                        removeRow(id);
                    else
                        helper_->reportResult(reply.error());
                    return;
                }
                int row = rowOf(id);
                if (row < 0) {
                    ContainerInfo info;
                    info.id = id;
                    insertRow(info);
                    row = rowOf(id);
                }
                const QVariantMap properties = reply.value();
                updateRow(row, [&](ContainerInfo &info) { info.applyProperties(properties); });
            });
}

void ContainerModel::fetchStatic(const QString &id)
{
    ++fetchRequests_;
    auto *watcher = new QDBusPendingCallWatcher(helper_->manager().GetContainer(id), this);
    connect(
        watcher, &QDBusPendingCallWatcher::finished, this, [this, id](QDBusPendingCallWatcher *w) {
            w->deleteLater();
            const QDBusPendingReply<QVariantMap> reply = *w;
            helper_->reportResult(reply.isError() ? reply.error() : QDBusError());
            const int row = rowOf(id);
            if (reply.isError() || row < 0)
                return; // removed meanwhile: ContainerRemoved (or the properties fetch) handles it
            const ContainerInfo entry = ContainerInfo::fromEntry(reply.value());
            updateRow(row, [&](ContainerInfo &info) { info.takeStaticFields(entry); });
        });
}

void ContainerModel::insertRow(const ContainerInfo &info)
{
    const int row = int(rows_.size());
    beginInsertRows({}, row, row);
    rows_ << Row{info, statusText(info, currentTimeUsec())};
    endInsertRows();
    if (!ticker_.isActive())
        ticker_.start();
}

void ContainerModel::removeRow(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
    if (rows_.isEmpty())
        ticker_.stop();
}

template <typename Change> void ContainerModel::updateRow(int row, Change change)
{
    Row &r = rows_[row];
    const bool wasRunning = r.info.isRunning();
    change(r.info);
    if (!r.info.isRunning()) {
        // Stale figures must not reappear when it runs again, before the next measurement.
        r.info.cpuPercent.reset();
        r.info.memoryBytes.reset();
    }
    r.status = statusText(r.info, currentTimeUsec());
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    if (wasRunning && r.info.state == states::kStopped)
        emit containerExited(r.info.id);
}

void ContainerModel::noteTouched(const QString &id)
{
    if (listInFlight_)
        touchedWhileListing_.insert(id);
}

void ContainerModel::onContainerNew(const QString &id, const QString &name)
{
    noteTouched(id);
    if (rowOf(id) >= 0)
        return; // known already (a restarted helper announces every container again)
    ContainerInfo info;
    info.id = id;
    info.name = name;
    info.state = states::kCreated; // what a new container is; the fetch confirms it
    insertRow(info);
    fetch(id, true);
}

void ContainerModel::onContainerRemoved(const QString &id)
{
    noteTouched(id);
    removeRow(id);
}

void ContainerModel::onContainerStateChanged(const QString &id, const QString &state,
                                             int exitStatus)
{
    noteTouched(id);
    const int row = rowOf(id);
    if (row < 0)
        return;
    updateRow(row, [&](ContainerInfo &info) {
        info.state = state;
        info.exitStatus = exitStatus;
    });
}

void ContainerModel::onPropertiesChanged(const QString &interface, const QVariantMap &changed,
                                         const QStringList &, const QDBusMessage &message)
{
    if (interface != kContainerInterface || !message.path().startsWith(kContainerPathPrefix))
        return;
    const QString id = message.path().mid(kContainerPathPrefix.size());
    noteTouched(id);
    const int row = rowOf(id);
    if (row < 0) {
        if (loaded_ && !listInFlight_) {
            // Its ContainerNew was missed (sent before we listened): add it and ask once.
            ContainerInfo info;
            info.id = id;
            info.applyProperties(changed);
            insertRow(info);
            fetch(id, true);
        }
        return;
    }
    updateRow(row, [&](ContainerInfo &info) { info.applyProperties(changed); });
}

void ContainerModel::tick()
{
    const quint64 now = currentTimeUsec();
    for (int row = 0; row < rows_.size(); ++row) {
        Row &r = rows_[row];
        QString status = statusText(r.info, now);
        if (status == r.status)
            continue;
        r.status = std::move(status);
        const QModelIndex cell = index(row, StatusColumn);
        emit dataChanged(cell, cell, {Qt::DisplayRole});
    }
}

int ContainerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int ContainerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContainerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = rows_.at(index.row());
    const ContainerInfo &info = row.info;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return displayText(info, row.status, index.column());
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return stateIcon(stateLook(info), palette_);
        return {};
    case Qt::ToolTipRole:
        return toolTip(info, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == CpuColumn || index.column() == MemoryColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return info.id;
    case StateRole:
        return info.state;
    case SortRole:
        return sortValue(info, index.column());
    default:
        return {};
    }
}

QVariant ContainerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ImageColumn:
        return tr("Image");
    case StateColumn:
        return tr("State");
    case StatusColumn:
        return tr("Status");
    case CommandColumn:
        return tr("Command");
    case CpuColumn:
        //: Column header: processor use.
        return tr("CPU");
    case MemoryColumn:
        return tr("Memory");
    default:
        return {};
    }
}

int ContainerModel::rowOf(const QString &id) const
{
    for (int row = 0; row < rows_.size(); ++row)
        if (rows_.at(row).info.id == id)
            return row;
    return -1;
}

const ContainerInfo *ContainerModel::find(const QString &id) const
{
    const int row = rowOf(id);
    return row < 0 ? nullptr : &rows_.at(row).info;
}

int ContainerModel::runningCount() const
{
    return int(std::count_if(rows_.begin(), rows_.end(),
                             [](const Row &row) { return row.info.isRunning(); }));
}

void ContainerModel::setUsage(const QString &id, double cpuPercent, quint64 memoryBytes)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    ContainerInfo &info = rows_[row].info;
    info.cpuPercent = cpuPercent;
    info.memoryBytes = memoryBytes;
    emit dataChanged(index(row, CpuColumn), index(row, MemoryColumn));
}

void ContainerModel::setPalette(const QPalette &palette)
{
    palette_ = palette;
    if (!rows_.isEmpty())
        emit dataChanged(index(0, StateColumn), index(int(rows_.size()) - 1, StateColumn),
                         {Qt::DecorationRole});
}

} // namespace hako::gui
