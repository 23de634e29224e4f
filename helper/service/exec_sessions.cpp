#include "exec_sessions.h"

#include "store.h"
#include "workers.h"

namespace hako::helper {

ExecSessions::ExecSessions(QDBusConnection bus, QObject *parent)
    : QObject(parent), owners_(bus)
{
    connect(&owners_, &ClientWatch::gone, this, &ExecSessions::ownerGone);
}

QString ExecSessions::add(std::shared_ptr<ExecEntry> entry)
{
    // Random, so one client cannot guess another's session (ownership is checked anyway).
    const QString id = QString::fromStdString(generateId().substr(0, 32));
    owners_.watch(entry->owner);
    sessions_[id] = std::move(entry);
    return id;
}

std::shared_ptr<ExecEntry> ExecSessions::find(const QString &execId, const QString &caller,
                                              QString *why) const
{
    const auto it = sessions_.find(execId);
    if (it == sessions_.end() || it->second->owner != caller) {
        // The same answer for "not yours" and "none": ids are not disclosed to others.
        *why = "no exec session " + execId + " of this caller";
        return nullptr;
    }
    return it->second;
}

void ExecSessions::remove(const QString &execId)
{
    const auto it = sessions_.find(execId);
    if (it == sessions_.end())
        return;
    owners_.unwatch(it->second->owner);
    sessions_.erase(it);
}

void ExecSessions::ownerGone(const QString &owner)
{
    std::vector<std::shared_ptr<ExecEntry>> dropped;
    for (auto it = sessions_.begin(); it != sessions_.end();) {
        if (it->second->owner == owner) {
            if (it->second->waiting)
                it->second->session.terminate(); // the waiting worker reaps it and lets go
            dropped.push_back(std::move(it->second));
            it = sessions_.erase(it);
        } else {
            ++it;
        }
    }
    // The destructor kills and reaps the process: do that off the main thread.
    if (!dropped.empty())
        Workers::quick().start([dropped = std::move(dropped)]() mutable { dropped.clear(); });
}

} // namespace hako::helper
