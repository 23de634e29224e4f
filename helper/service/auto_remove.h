// Containers created with AutoRemove (docker's --rm) are removed by the helper once they have
// stopped: exited by themselves, killed or stopped, or after a failed start; those that
// stopped while no helper ran are removed at start-up. The flag is read from the container's
// spec (annotations["org.hako.auto-remove"]) once per container.
//
// A WaitContainer that names a container holds its removal back until the wait has its
// answer, so a waiter always gets the exit status. Main thread only.
#pragma once

#include "engine.h"

#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <set>

namespace hako::helper {

class AutoRemover : public QObject {
    Q_OBJECT
public:
    explicit AutoRemover(EngineOptions options, QObject *parent = nullptr);

    // Every state the helper learns of (start-up, ContainerNew, each change).
    void observe(const ContainerState &state);
    void forget(const QString &id);

    // Keeps the removal of whatever `ref` names (id, prefix or name) back while it lives;
    // safe to destroy on any thread.
    std::shared_ptr<void> hold(const QString &ref);

    // An auto-remove container runs, is being removed, or its flag is still being read: the
    // helper must not exit when idle.
    bool busy() const;

signals:
    void removed(const QString &id); // the state root changed: time for a scan

private:
    struct Entry {
        ContainerState state;
        std::optional<bool> autoRemove; // nullopt until the spec has been read
        bool reading = false;
        bool removing = false;
    };

    void release(const QString &ref);
    void readFlag(const QString &id);
    void removeIfDue(const QString &id);
    bool held(const QString &id, const Entry &entry) const;

    EngineOptions options_;
    std::map<QString, Entry> entries_;
    std::multiset<QString> holds_;
};

} // namespace hako::helper
