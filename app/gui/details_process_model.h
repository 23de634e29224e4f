// The processes of a container, like `docker top`: pid inside, pid on the host, user, CPU,
// command. Updated in place by host pid, so a refresh keeps the selection and scroll position.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QVariantMap>

namespace hako::gui {

class ProcessModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { InsidePid, HostPid, User, Cpu, Command, ColumnCount };
    // The raw value (number or text) a column sorts by.
    static constexpr int SortRole = Qt::UserRole;

    explicit ProcessModel(QObject *parent = nullptr);

    // ListContainerProcesses' entries: Pid, HostPid, User, CpuPercent, Command.
    void setProcesses(const QList<QVariantMap> &processes);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Process {
        uint pid = 0, hostPid = 0, user = 0;
        double cpu = 0;
        QString command;
        bool operator==(const Process &) const = default;
    };
    static Process fromEntry(const QVariantMap &entry);
    QVariant value(const Process &process, int column, int role) const;
    void removeGone(const QList<Process> &next);

    QList<Process> rows_;
};

} // namespace hako::gui
