// The containers table: one row per container the helper knows.
//
// Listed once with ListContainers when the helper is reached (and again only when it was
// restarted); from then on only the helper's signals change it: ContainerNew (the new row's
// properties and command are fetched once), ContainerRemoved, ContainerStateChanged, and each
// container object's PropertiesChanged. Nothing polls. A one-second timer re-renders the
// relative times ("Up 5 seconds") without asking the helper anything.
#pragma once

#include "container_info.h"

#include <QAbstractTableModel>
#include <QDBusError>
#include <QDBusMessage>
#include <QPalette>
#include <QSet>
#include <QTimer>

namespace hako::gui {

class HelperConnection;

class ContainerModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        ImageColumn,
        StateColumn,
        StatusColumn,
        CommandColumn,
        CpuColumn,
        MemoryColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // the full container id (every column)
        StateRole,                 // the helper's state name: created, running, paused, stopped
        SortRole,                  // a value that sorts the column in a meaningful order
    };

    explicit ContainerModel(HelperConnection *helper, QObject *parent = nullptr);
    ~ContainerModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // True once a ListContainers reply has been applied.
    bool isLoaded() const { return loaded_; }
    int rowOf(const QString &id) const; // -1 if unknown
    const ContainerInfo &at(int row) const { return rows_.at(row).info; }
    const ContainerInfo *find(const QString &id) const;
    int runningCount() const;

    // The stats issue's entry point: the container's current CPU use and memory.
    void setUsage(const QString &id, double cpuPercent, quint64 memoryBytes);
    // The state icons follow the palette (light or dark).
    void setPalette(const QPalette &palette);

    // How many ListContainers calls and per-container fetches this model has made (tests
    // check that changes arrive by signal, not by listing again).
    int listRequestCount() const { return listRequests_; }
    int fetchRequestCount() const { return fetchRequests_; }

public slots:
    // ListContainers now, unless a call is already under way.
    void reload();

signals:
    void loaded(int count);                   // each ListContainers reply applied
    void loadFailed(const QDBusError &error); // a ListContainers call failed
    // A container that was running has stopped (seen through the helper's signals).
    void containerExited(const QString &id);

private slots: // QtDBus connects D-Bus signals to slots by signature
    void onContainerNew(const QString &id, const QString &name);
    void onContainerRemoved(const QString &id);
    void onContainerStateChanged(const QString &id, const QString &state, int exitStatus);
    void onPropertiesChanged(const QString &interface, const QVariantMap &changed,
                             const QStringList &invalidated, const QDBusMessage &message);

private:
    struct Row {
        ContainerInfo info;
        QString status; // statusText as last shown
    };

    void hookSignals();
    void applyList(const QList<QVariantMap> &entries);
    // Fetches one container's properties (and, if `withStatic`, its command and image):
    // for a new container, or one a signal touched while a list was under way.
    void fetch(const QString &id, bool withStatic);
    void fetchProperties(const QString &id);
    void fetchStatic(const QString &id);
    void insertRow(const ContainerInfo &info);
    void removeRow(const QString &id);
    // Runs `change` on the row's info, then announces what changed (and an exit).
    template <typename Change> void updateRow(int row, Change change);
    void noteTouched(const QString &id);
    void tick();

    HelperConnection *helper_;
    QList<Row> rows_;
    QPalette palette_;
    QTimer ticker_;
    QString hookedBus_;
    bool loaded_ = false;
    bool listInFlight_ = false;
    QSet<QString> touchedWhileListing_;
    int listRequests_ = 0;
    int fetchRequests_ = 0;
};

} // namespace hako::gui
