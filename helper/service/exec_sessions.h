// The exec sessions the helper holds for its callers (ExecInContainer → WaitExec/ResizeExec).
// Only the bus name that started a session may use it; when that client leaves the bus, its
// sessions are dropped and their processes killed (ExecSession's destructor, or terminate()
// for one a worker is waiting for: that ends the wait, so no worker stays blocked).
// Main thread only; a worker blocked in wait() keeps its session alive through the shared_ptr.
#pragma once

#include "client_watch.h"
#include "engine.h"


#include <map>
#include <memory>

namespace hako::helper {

struct ExecEntry {
    ExecEntry(ExecSession s, QString o) : session(std::move(s)), owner(std::move(o)) {}
    ExecSession session;
    QString owner;        // the caller's unique bus name
    bool waiting = false; // a WaitExec is in progress
};

class ExecSessions : public QObject {
    Q_OBJECT
public:
    explicit ExecSessions(QDBusConnection bus, QObject *parent = nullptr);

    QString add(std::shared_ptr<ExecEntry> entry); // returns the new execId
    // The session `execId` if `caller` owns it; else nullptr and *why says why.
    std::shared_ptr<ExecEntry> find(const QString &execId, const QString &caller, QString *why) const;
    void remove(const QString &execId);
    bool empty() const { return sessions_.empty(); }

private:
    void ownerGone(const QString &owner);

    std::map<QString, std::shared_ptr<ExecEntry>> sessions_;
    ClientWatch owners_;
};

} // namespace hako::helper
