#include "details_process_model.h"

#include <QSet>

namespace hako::gui {

ProcessModel::ProcessModel(QObject *parent) : QAbstractTableModel(parent) {}

ProcessModel::Process ProcessModel::fromEntry(const QVariantMap &e)
{
    return Process{e.value(QStringLiteral("Pid")).toUInt(), e.value(QStringLiteral("HostPid")).toUInt(),
                   e.value(QStringLiteral("User")).toUInt(), e.value(QStringLiteral("CpuPercent")).toDouble(),
                   e.value(QStringLiteral("Command")).toString()};
}

void ProcessModel::setProcesses(const QList<QVariantMap> &entries)
{
    QList<Process> next;
    next.reserve(entries.size());
    for (const QVariantMap &entry : entries)
        next.append(fromEntry(entry));
    removeGone(next);
    // What is left is in `next` too: refresh it there, then append the newcomers.
    QHash<uint, qsizetype> rowOfHostPid;
    for (qsizetype row = 0; row < rows_.size(); ++row)
        rowOfHostPid.insert(rows_[row].hostPid, row);
    QList<Process> added;
    for (const Process &process : std::as_const(next)) {
        const auto found = rowOfHostPid.constFind(process.hostPid);
        if (found == rowOfHostPid.cend()) {
            added.append(process);
            continue;
        }
        const int row = int(*found);
        if (rows_[row] == process)
            continue;
        rows_[row] = process;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (added.isEmpty())
        return;
    beginInsertRows({}, int(rows_.size()), int(rows_.size() + added.size() - 1));
    rows_.append(added);
    endInsertRows();
}

void ProcessModel::removeGone(const QList<Process> &next)
{
    QSet<uint> alive;
    for (const Process &process : next)
        alive.insert(process.hostPid);
    for (int row = int(rows_.size()) - 1; row >= 0; --row) {
        if (alive.contains(rows_[row].hostPid))
            continue;
        beginRemoveRows({}, row, row);
        rows_.removeAt(row);
        endRemoveRows();
    }
}

int ProcessModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int ProcessModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProcessModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return value(rows_[index.row()], index.column(), role);
}

QVariant ProcessModel::value(const Process &p, int column, int role) const
{
    if (role == Qt::TextAlignmentRole)
        return column == Command ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case InsidePid:
        return p.pid;
    case HostPid:
        return p.hostPid;
    case User:
        return p.user;
    case Cpu:
        return role == SortRole ? QVariant(p.cpu) : QVariant(QString::number(p.cpu, 'f', 1));
    case Command:
        return p.command;
    default:
        return {};
    }
}

QVariant ProcessModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    //: The process id as the container sees it
    case InsidePid:
        return tr("PID");
    //: The same process's id as the host sees it
    case HostPid:
        return tr("Host PID");
    //: The process's effective user id (a number)
    case User:
        return tr("UID");
    //: CPU time over the process's lifetime, in percent
    case Cpu:
        return tr("CPU %");
    case Command:
        return tr("Command");
    default:
        return {};
    }
}

} // namespace hako::gui
