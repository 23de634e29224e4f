#include "state_watcher.h"

#include "workers.h"

#include <QDir>

namespace hako::helper {

namespace {

bool sameState(const ContainerState &a, const ContainerState &b)
{
    return a.status == b.status && a.pid.pid == b.pid.pid && a.exitCode == b.exitCode &&
           a.exitSignal == b.exitSignal && a.oomKilled == b.oomKilled &&
           a.startedAt == b.startedAt && a.finishedAt == b.finishedAt && a.error == b.error &&
           a.name == b.name && a.restartCount == b.restartCount;
}

} // namespace

StateWatcher::StateWatcher(EngineOptions options, QObject *parent)
    : QObject(parent), options_(std::move(options))
{
    debounce_.setSingleShot(true);
    debounce_.setInterval(20);
    connect(&debounce_, &QTimer::timeout, this, &StateWatcher::startScan);
    // inotify misses nothing on the files it watches, but a monitor killed with SIGKILL
    // writes nothing: the engine notices that only when asked, so ask now and then.
    safetyNet_.setInterval(5000);
    connect(&safetyNet_, &QTimer::timeout, this, &StateWatcher::requestScan);
    safetyNet_.start();
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, &StateWatcher::requestScan);
}

StateWatcher::Scan StateWatcher::scan(const EngineOptions &options)
{
    static std::atomic<uint64_t> counter{0};
    Scan result;
    result.seq = ++counter;
    const Engine engine(options);
    result.states = engine.list();
    return result;
}

std::vector<ContainerState> StateWatcher::loadInitial()
{
    const Engine engine(options_); // makes the containers directory if it is missing
    watcher_.addPath(QString::fromStdString(engine.store().containersDir()));
    std::vector<ContainerState> states = engine.list();
    for (const ContainerState &state : states) {
        known_[state.id] = state;
        watchContainer(state.id);
    }
    return states;
}

void StateWatcher::watchContainer(const std::string &id)
{
    const QString dir = QString::fromStdString(options_.stateRoot + "/containers/" + id);
    if (!watcher_.directories().contains(dir))
        watcher_.addPath(dir);
}

void StateWatcher::requestScan()
{
    if (!debounce_.isActive())
        debounce_.start();
}

void StateWatcher::startScan()
{
    if (scanning_) {
        rescanWanted_ = true;
        return;
    }
    scanning_ = true;
    Workers::quick().start([this, options = options_] {
        Scan result;
        bool ok = true;
        try {
            result = scan(options);
        } catch (const std::exception &e) {
            qWarning("scan of the state root failed: %s", e.what());
            ok = false;
        }
        QMetaObject::invokeMethod(this, [this, result = std::move(result), ok] {
            scanning_ = false;
            if (ok)
                apply(result);
            if (std::exchange(rescanWanted_, false))
                requestScan();
        }, Qt::QueuedConnection);
    });
}

void StateWatcher::apply(const Scan &scan)
{
    if (scan.seq < appliedSeq_)
        return; // an older picture than the one already applied
    appliedSeq_ = scan.seq;
    std::map<std::string, ContainerState> next;
    for (const ContainerState &state : scan.states)
        next[state.id] = state;
    for (auto it = known_.begin(); it != known_.end();) {
        if (next.contains(it->first)) {
            ++it;
            continue;
        }
        const QString id = QString::fromStdString(it->first);
        it = known_.erase(it);
        emit containerRemoved(id);
    }
    for (const auto &[id, state] : next) {
        auto found = known_.find(id);
        if (found == known_.end()) {
            known_[id] = state;
            watchContainer(id);
            emit containerAdded(state);
        } else if (!sameState(found->second, state)) {
            const ContainerState before = std::exchange(found->second, state);
            emit containerChanged(before, state);
        }
    }
}

} // namespace hako::helper
