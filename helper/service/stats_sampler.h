// SubscribeStats' engine: the helper reads container figures only while someone watches.
// One timer serves every subscriber, each with its own interval and containers (none named:
// every running one, including those started later). A StatsReader is kept per watched
// running container — its cgroup directories and PID 1 found once, not per sample — and
// dropped when the container stops or nobody watches it any more. The reading happens on a
// thread of its own (the event loop never touches the kernel's files); each frame is one
// StatsUpdated sent to its subscriber only.
//
// CPU % needs two samples. A subscriber's frame compares with its own previous frame, or for
// a container new to it with an earlier sample of the shared reader; a reader just made
// takes a baseline and reads again kFirstWindow later, so the first frame comes within one
// interval (about kFirstWindow after subscribing) and never carries a blank.
#pragma once

#include "client_watch.h"
#include "engine.h"

#include <QDBusConnection>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <QVariantMap>

#include <chrono>
#include <map>
#include <memory>
#include <set>

namespace hako::helper {

class StatsSampler : public QObject {
    Q_OBJECT
public:
    using Clock = std::chrono::steady_clock;
    // The span a first CPU figure is measured over.
    static constexpr std::chrono::milliseconds kFirstWindow{150};

    StatsSampler(EngineOptions options, QDBusConnection bus, QObject *parent = nullptr);
    ~StatsSampler() override;

    // Starts (or replaces) the subscription of `uniqueName`: `ids` (full container ids; empty:
    // every running container) every `interval`. Leaving the bus ends it.
    void subscribe(const QString &uniqueName, std::set<QString> ids, std::chrono::milliseconds interval);
    void unsubscribe(const QString &uniqueName); // nothing if it has none
    bool empty() const { return subscribers_.empty(); }

    // The containers as the StateWatcher reports them: running and paused ones can be read.
    void track(const ContainerState &state);
    void forget(const QString &id);

private:
    struct Watched; // a container's reader and recent samples: the sampling thread's alone
    struct Reading; // what a pass read of one container
    struct Subscriber {
        uint64_t serial = 0; // tells a replaced subscription from its successor
        std::set<QString> ids;
        std::chrono::milliseconds interval{1000};
        Clock::time_point due;
        std::map<QString, ResourceSample> previous; // its last frame, per container
    };
    struct Container {
        QString name;
        bool paused = false;
        ProcessId pid; // the run: a new PID 1 means a new reader
        std::shared_ptr<Watched> watched; // while a subscriber watches it
    };
    struct DueSubscriber {
        QString name;
        uint64_t serial;
    };

    // The running containers `subscriber` watches.
    std::vector<QString> watchedIds(const Subscriber &subscriber) const;
    void schedule();
    void tick();
    // On the sampling thread: reads every container of `batch`, making readers as needed.
    static std::vector<Reading> readAll(const EngineOptions &options,
                                        const std::vector<std::shared_ptr<Watched>> &batch);
    static void readOne(Watched &watched, Reading &reading);
    void finish(const std::vector<DueSubscriber> &due, const std::vector<Reading> &readings);
    void sendFrame(const QString &uniqueName, Subscriber &subscriber,
                   const std::map<QString, const Reading *> &byId);
    void dropUnwatchedReaders();
    void forgetRun(const QString &id); // its samples are no baseline for a new run

    EngineOptions options_;
    QDBusConnection bus_;
    ClientWatch clients_;
    QTimer timer_;
    QThreadPool pool_; // one thread: a reader is only ever used by one pass at a time
    bool sampling_ = false;
    uint64_t nextSerial_ = 1;
    std::map<QString, Subscriber> subscribers_;
    std::map<QString, Container> containers_; // running and paused, by id
};

// GetStats: one reading of `refs` (empty: every running container), two samples
// StatsSampler::kFirstWindow apart. Containers that are not running are left out; an unknown
// ref throws NotFoundError. Blocks for the window: call it on a worker.
QList<QVariantMap> readStatsOnce(const Engine &engine, const std::vector<std::string> &refs);

} // namespace hako::helper
