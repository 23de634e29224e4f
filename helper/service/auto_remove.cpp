#include "auto_remove.h"

#include "annotations.h"
#include "workers.h"

#include <QMetaObject>

namespace hako::helper {

namespace {

bool isLive(const ContainerState &state)
{
    return state.status == Status::Running || state.status == Status::Paused;
}

// Stopped after a run, or left "created" by a start that failed (docker removes those too).
bool hasEnded(const ContainerState &state)
{
    return state.status == Status::Stopped || (state.status == Status::Created && !state.error.empty());
}

} // namespace

AutoRemover::AutoRemover(EngineOptions options, QObject *parent)
    : QObject(parent), options_(std::move(options))
{
}

void AutoRemover::observe(const ContainerState &state)
{
    const QString id = QString::fromStdString(state.id);
    Entry &entry = entries_[id];
    entry.state = state;
    if (!entry.autoRemove) {
        readFlag(id);
        return;
    }
    removeIfDue(id);
}

void AutoRemover::forget(const QString &id)
{
    entries_.erase(id);
}

std::shared_ptr<void> AutoRemover::hold(const QString &ref)
{
    holds_.insert(ref);
    // Released on the main thread whichever thread drops the last copy. (Like the manager,
    // this object lives as long as the helper's event loop.)
    return std::shared_ptr<void>(nullptr, [this, ref](void *) {
        QMetaObject::invokeMethod(this, [this, ref] { release(ref); }, Qt::QueuedConnection);
    });
}

void AutoRemover::release(const QString &ref)
{
    if (const auto it = holds_.find(ref); it != holds_.end())
        holds_.erase(it);
    std::vector<QString> ids;
    for (const auto &[id, entry] : entries_)
        ids.push_back(id);
    for (const QString &id : ids)
        removeIfDue(id);
}

bool AutoRemover::busy() const
{
    for (const auto &[id, entry] : entries_)
        if (entry.reading || entry.removing || (entry.autoRemove.value_or(false) && isLive(entry.state)))
            return true;
    return false;
}

void AutoRemover::readFlag(const QString &id)
{
    Entry &entry = entries_[id];
    if (entry.reading)
        return;
    entry.reading = true;
    Workers::quick().start([this, id, options = options_] {
        std::optional<bool> flag;
        try {
            flag = annotationFlag(Engine(options).inspect(id.toStdString()).spec, kAutoRemoveAnnotation);
        } catch (const std::exception &e) {
            // Removed meanwhile (forget() follows), or an unreadable config: not ours to remove.
            qWarning("auto-remove: cannot read the spec of %s: %s", qPrintable(id), e.what());
            flag = false;
        }
        QMetaObject::invokeMethod(this, [this, id, flag] {
            const auto it = entries_.find(id);
            if (it == entries_.end())
                return;
            it->second.reading = false;
            it->second.autoRemove = flag;
            removeIfDue(id);
        }, Qt::QueuedConnection);
    });
}

bool AutoRemover::held(const QString &id, const Entry &entry) const
{
    const QString name = QString::fromStdString(entry.state.name);
    for (const QString &ref : holds_)
        if (ref == name || id.startsWith(ref))
            return true;
    return false;
}

void AutoRemover::removeIfDue(const QString &id)
{
    const auto it = entries_.find(id);
    if (it == entries_.end())
        return;
    Entry &entry = it->second;
    if (!entry.autoRemove.value_or(false) || entry.removing || !hasEnded(entry.state) || held(id, entry))
        return;
    entry.removing = true;
    Workers::blocking().start([this, id, options = options_] {
        try {
            // Not forced: a container started again meanwhile keeps running (InvalidState).
            Engine(options).removeWithAnonymousVolumes(id.toStdString(), false);
        } catch (const std::exception &e) {
            qWarning("auto-remove of %s: %s", qPrintable(id), e.what());
        }
        QMetaObject::invokeMethod(this, [this, id] {
            if (const auto found = entries_.find(id); found != entries_.end())
                found->second.removing = false;
            emit removed(id);
        }, Qt::QueuedConnection);
    });
}

} // namespace hako::helper
