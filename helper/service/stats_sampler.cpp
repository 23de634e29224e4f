#include "stats_sampler.h"

#include "convert.h"
#include "error.h"

#include <QDBusMessage>

#include <algorithm>
#include <deque>
#include <thread>

namespace hako::helper {

namespace {

constexpr size_t kHistory = 3; // samples kept per reader, baselines for new subscribers
// Subscribers due this soon join the pass being started rather than get one of their own.
constexpr auto kSlack = std::chrono::milliseconds(10);

bool running(const ContainerState &state)
{
    return state.status == Status::Running || state.status == Status::Paused;
}

bool sameRun(const ProcessId &a, const ProcessId &b)
{
    return a.pid == b.pid && a.startTime == b.startTime;
}

// Whether `before` can be the start of a CPU % measured up to `now`.
bool usableBaseline(const ResourceSample &before, const ResourceSample &now)
{
    return before.monotonicNs < now.monotonicNs && before.cgroup.cpuUsageNs <= now.cgroup.cpuUsageNs;
}

} // namespace

struct StatsSampler::Watched {
    std::string id;
    std::optional<StatsReader> reader;
    std::deque<ResourceSample> history; // oldest first
};

struct StatsSampler::Reading {
    QString id;
    std::optional<ResourceSample> now;   // empty: the container could not be read (it stopped)
    std::vector<ResourceSample> earlier; // the reader's previous samples, oldest first
};

namespace {

// The sample a subscriber's CPU % starts from: its own previous frame, else the newest of the
// reader's earlier samples that is at least half the first window old, else the oldest one.
const ResourceSample &baselineFor(const std::map<QString, ResourceSample> &previous, const QString &id,
                                  const ResourceSample &now, const std::vector<ResourceSample> &earlier)
{
    if (const auto it = previous.find(id); it != previous.end() && usableBaseline(it->second, now))
        return it->second;
    const int64_t minWindowNs =
        std::chrono::nanoseconds(StatsSampler::kFirstWindow).count() / 2;
    for (auto it = earlier.rbegin(); it != earlier.rend(); ++it)
        if (usableBaseline(*it, now) && now.monotonicNs - it->monotonicNs >= minWindowNs)
            return *it;
    for (const ResourceSample &sample : earlier)
        if (usableBaseline(sample, now))
            return sample;
    return now; // nothing earlier to compare with: 0 %, never a blank
}

} // namespace

StatsSampler::StatsSampler(EngineOptions options, QDBusConnection bus, QObject *parent)
    : QObject(parent), options_(std::move(options)), bus_(bus), clients_(bus)
{
    pool_.setMaxThreadCount(1);
    timer_.setSingleShot(true);
    timer_.setTimerType(Qt::PreciseTimer); // a coarse timer may run 5 % late: 50 ms at 1 s
    connect(&timer_, &QTimer::timeout, this, &StatsSampler::tick);
    connect(&clients_, &ClientWatch::gone, this, [this](const QString &name) {
        subscribers_.erase(name);
        dropUnwatchedReaders();
        schedule();
    });
}

StatsSampler::~StatsSampler()
{
    timer_.stop();
    pool_.waitForDone(); // the pass's answer, queued to this object, is dropped with it
}

void StatsSampler::subscribe(const QString &uniqueName, std::set<QString> ids,
                             std::chrono::milliseconds interval)
{
    const auto [it, added] = subscribers_.try_emplace(uniqueName);
    if (added)
        clients_.watch(uniqueName);
    it->second = Subscriber{nextSerial_++, std::move(ids), interval, Clock::now(), {}};
    dropUnwatchedReaders();
    schedule();
}

void StatsSampler::unsubscribe(const QString &uniqueName)
{
    if (subscribers_.erase(uniqueName) == 0)
        return;
    clients_.unwatch(uniqueName);
    dropUnwatchedReaders();
    schedule();
}

void StatsSampler::track(const ContainerState &state)
{
    const QString id = QString::fromStdString(state.id);
    if (!running(state)) {
        forget(id);
        return;
    }
    Container &container = containers_[id];
    if (!sameRun(container.pid, state.pid)) {
        container.watched.reset(); // a new run: a new PID 1, perhaps a new cgroup
        forgetRun(id);
    }
    container.name = QString::fromStdString(state.name);
    container.paused = state.status == Status::Paused;
    container.pid = state.pid;
}

void StatsSampler::forget(const QString &id)
{
    if (containers_.erase(id) > 0)
        forgetRun(id);
}

void StatsSampler::forgetRun(const QString &id)
{
    for (auto &[name, subscriber] : subscribers_)
        subscriber.previous.erase(id);
}

std::vector<QString> StatsSampler::watchedIds(const Subscriber &subscriber) const
{
    std::vector<QString> ids;
    if (subscriber.ids.empty()) {
        for (const auto &[id, container] : containers_)
            ids.push_back(id);
        return ids;
    }
    for (const QString &id : subscriber.ids)
        if (containers_.count(id) > 0)
            ids.push_back(id);
    return ids;
}

void StatsSampler::schedule()
{
    if (sampling_)
        return; // finish() schedules again
    if (subscribers_.empty()) {
        timer_.stop();
        return;
    }
    Clock::time_point next = Clock::time_point::max();
    for (const auto &[name, subscriber] : subscribers_)
        next = std::min(next, subscriber.due);
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - Clock::now());
    timer_.start(std::max<qint64>(0, wait.count()));
}

void StatsSampler::tick()
{
    if (sampling_ || subscribers_.empty())
        return;
    const Clock::time_point now = Clock::now();
    std::vector<DueSubscriber> due;
    std::set<QString> needed;
    for (const auto &[name, subscriber] : subscribers_) {
        if (subscriber.due > now + kSlack)
            continue;
        due.push_back({name, subscriber.serial});
        for (const QString &id : watchedIds(subscriber))
            needed.insert(id);
    }
    if (due.empty()) {
        schedule();
        return;
    }
    std::vector<std::shared_ptr<Watched>> batch;
    for (const QString &id : needed) {
        std::shared_ptr<Watched> &watched = containers_.at(id).watched;
        if (!watched) {
            watched = std::make_shared<Watched>();
            watched->id = id.toStdString();
        }
        batch.push_back(watched);
    }
    sampling_ = true;
    pool_.start([this, due = std::move(due), batch = std::move(batch), options = options_] {
        std::vector<Reading> readings = readAll(options, batch);
        QMetaObject::invokeMethod(
            this, [this, due, readings = std::move(readings)] { finish(due, readings); },
            Qt::QueuedConnection);
    });
}

// The next sample with the ones before it. A container that cannot be read (it stopped: its
// cgroup is gone) loses its reader, which a later pass makes again if it still runs.
void StatsSampler::readOne(Watched &watched, Reading &reading)
{
    try {
        reading.earlier.assign(watched.history.begin(), watched.history.end());
        reading.now = watched.reader->read();
        watched.history.push_back(*reading.now);
        if (watched.history.size() > kHistory)
            watched.history.pop_front();
    } catch (const std::exception &) {
        watched.reader.reset();
        watched.history.clear();
        reading.now.reset();
    }
}

std::vector<StatsSampler::Reading> StatsSampler::readAll(const EngineOptions &options,
                                                         const std::vector<std::shared_ptr<Watched>> &batch)
{
    std::vector<Reading> readings(batch.size());
    std::vector<size_t> fresh; // readers made in this pass: a baseline now, the figures later
    std::optional<Engine> engine;
    std::optional<Clock::time_point> firstBaseline;
    for (size_t i = 0; i < batch.size(); ++i) {
        Watched &watched = *batch[i];
        readings[i].id = QString::fromStdString(watched.id);
        if (watched.reader) {
            readOne(watched, readings[i]);
            continue;
        }
        try {
            if (!engine)
                engine.emplace(options);
            watched.reader = engine->statsReader(watched.id);
            watched.history.assign(1, watched.reader->read());
            fresh.push_back(i);
            if (!firstBaseline)
                firstBaseline = Clock::now();
        } catch (const std::exception &) {
            watched.reader.reset(); // not running after all: the watcher will say so
        }
    }
    if (firstBaseline)
        std::this_thread::sleep_until(*firstBaseline + kFirstWindow);
    for (size_t i : fresh)
        readOne(*batch[i], readings[i]);
    return readings;
}

void StatsSampler::finish(const std::vector<DueSubscriber> &due, const std::vector<Reading> &readings)
{
    sampling_ = false;
    std::map<QString, const Reading *> byId;
    for (const Reading &reading : readings)
        if (reading.now)
            byId.emplace(reading.id, &reading);
    const Clock::time_point now = Clock::now();
    for (const DueSubscriber &entry : due) {
        const auto it = subscribers_.find(entry.name);
        if (it == subscribers_.end() || it->second.serial != entry.serial)
            continue; // gone or replaced while the pass ran
        Subscriber &subscriber = it->second;
        sendFrame(entry.name, subscriber, byId);
        subscriber.due += subscriber.interval;
        if (subscriber.due < now) // a late pass skips frames rather than bunching them
            subscriber.due = now + subscriber.interval;
    }
    dropUnwatchedReaders();
    schedule();
}

void StatsSampler::sendFrame(const QString &uniqueName, Subscriber &subscriber,
                             const std::map<QString, const Reading *> &byId)
{
    QList<QVariantMap> entries;
    std::map<QString, ResourceSample> previous;
    for (const QString &id : watchedIds(subscriber)) {
        const auto it = byId.find(id);
        if (it == byId.end())
            continue;
        const Reading &reading = *it->second;
        const ResourceSample &before = baselineFor(subscriber.previous, id, *reading.now, reading.earlier);
        const Container &container = containers_.at(id);
        entries << statsEntry(id, container.name, before, *reading.now, container.paused);
        previous.emplace(id, *reading.now);
    }
    subscriber.previous = std::move(previous);
    // Unicast: only the subscriber receives it, however many others listen on the bus.
    QDBusMessage signal = QDBusMessage::createTargetedSignal(
        uniqueName, QStringLiteral("/org/hako/Containers1"), QStringLiteral("org.hako.Containers1.Manager"),
        QStringLiteral("StatsUpdated"));
    signal << QVariant::fromValue(entries);
    bus_.send(signal);
}

void StatsSampler::dropUnwatchedReaders()
{
    std::set<QString> watched;
    for (const auto &[name, subscriber] : subscribers_)
        for (const QString &id : watchedIds(subscriber))
            watched.insert(id);
    for (auto &[id, container] : containers_)
        if (container.watched && watched.count(id) == 0)
            container.watched.reset();
}

QList<QVariantMap> readStatsOnce(const Engine &engine, const std::vector<std::string> &refs)
{
    std::vector<ContainerState> targets;
    if (refs.empty()) {
        for (ContainerState &state : engine.list())
            if (running(state))
                targets.push_back(std::move(state));
    } else {
        std::set<std::string> seen;
        for (const std::string &ref : refs) {
            ContainerState state = engine.state(ref); // NotFoundError for an unknown ref
            if (running(state) && seen.insert(state.id).second)
                targets.push_back(std::move(state));
        }
    }
    struct Pending {
        const ContainerState *state;
        StatsReader reader;
        ResourceSample before;
    };
    std::vector<Pending> pending;
    for (const ContainerState &state : targets) {
        try {
            StatsReader reader = engine.statsReader(state.id);
            ResourceSample before = reader.read();
            pending.push_back(Pending{&state, std::move(reader), before});
        } catch (const Error &) {
            // stopped since it was listed: left out, as if listed a moment later
        }
    }
    if (!pending.empty())
        std::this_thread::sleep_for(StatsSampler::kFirstWindow);
    QList<QVariantMap> entries;
    for (const Pending &p : pending) {
        try {
            const ResourceSample now = p.reader.read();
            entries << statsEntry(QString::fromStdString(p.state->id), QString::fromStdString(p.state->name),
                                  p.before, now, p.state->status == Status::Paused);
        } catch (const Error &) {
            // stopped within the window: no figures to give
        }
    }
    return entries;
}

} // namespace hako::helper
