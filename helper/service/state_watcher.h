// Keeps the helper's picture of the containers in step with the state root, whoever changes
// it: the helper's own calls, a container that exits by itself (its monitor rewrites
// state.json), another process using the same root. It watches <root>/containers and each
// container's directory (state.json is replaced by rename, which the directory sees), scans
// on a worker thread, and reports differences.
#pragma once

#include "engine.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <map>

namespace hako::helper {

class StateWatcher : public QObject {
    Q_OBJECT
public:
    explicit StateWatcher(EngineOptions options, QObject *parent = nullptr);

    // A complete read of the state root; `seq` orders scans so a slow, older one never
    // overwrites a newer one.
    struct Scan {
        uint64_t seq = 0;
        std::vector<ContainerState> states;
    };

    // Reads the state root now, on the calling thread (start-up), without emitting.
    std::vector<ContainerState> loadInitial();
    // Schedules a scan on a worker thread (coalescing bursts of changes).
    void requestScan();
    // Diffs `states` (a complete scan) against what is known and emits the differences.
    void apply(const Scan &scan);

    // A full scan of the root; safe on any thread.
    static Scan scan(const EngineOptions &options);

signals:
    void containerAdded(const hako::ContainerState &state);
    void containerChanged(const hako::ContainerState &before, const hako::ContainerState &after);
    void containerRemoved(const QString &id);

private:
    void startScan();
    void watchContainer(const std::string &id);

    EngineOptions options_;
    QFileSystemWatcher watcher_;
    QTimer debounce_;
    QTimer safetyNet_;
    std::map<std::string, ContainerState> known_;
    uint64_t appliedSeq_ = 0;
    bool scanning_ = false;
    bool rescanWanted_ = false;
};

} // namespace hako::helper
