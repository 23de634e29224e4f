// Long jobs (PullImage, ImportImage): each runs on the blocking worker pool, answers its
// method at once with an id, and tells only its caller how it goes — JobProgress frames (at
// most kFramesPerSecond, each the latest state of every layer, and always one just before
// the end) and one JobFinished — as unicast signals. Only the caller may cancel its job; a
// caller that leaves the bus cancels its jobs (nothing is kept of a cancelled one).
// Main thread only, apart from JobContext, which the worker uses.
#pragma once

#include "client_watch.h"
#include "errors.h"

#include "registry_pull.h"

#include <QJsonObject>
#include <QTimer>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace hako::helper
{

// What a job's body sees on its worker thread.
class JobContext
{
  public:
    // Records the newest state of one layer (by its Id); thread-safe.
    void report(const PullProgress &progress);
    const std::atomic<bool> *cancelFlag() const { return &cancel_; }

  private:
    friend class Jobs;
    std::atomic<bool> cancel_{false};
    std::mutex mutex_;
    std::vector<PullProgress> layers_; // in the order first reported
    bool dirty_ = false;
};

class Jobs : public QObject
{
    Q_OBJECT
  public:
    static constexpr int kFramesPerSecond = 10;

    explicit Jobs(QDBusConnection bus, QObject *parent = nullptr);
    ~Jobs() override;

    // Runs on the worker; returns the success result (JobFinished's JSON) or throws, which
    // becomes {"ErrorName", "Message"} with the methods' error names.
    using Body = std::function<QJsonObject(JobContext &context)>;

    // Registers a job of `owner` (a unique bus name) and returns its id. The body starts
    // only with run(id), so that the method's reply carrying the id goes out first.
    QString add(const QString &owner);
    void run(const QString &id, Body body);
    // CancelJob: InvalidArgs for an unknown job, AccessDenied for another caller's.
    std::optional<Failure> cancel(const QString &id, const QString &caller);
    bool empty() const { return jobs_.empty(); }

  private:
    struct Job {
        QString owner;
        std::shared_ptr<JobContext> context = std::make_shared<JobContext>();
    };

    void finish(const QString &id, bool ok, const QJsonObject &result);
    void sendFrames(bool onlyDirty);
    void sendFrame(const QString &id, const Job &job, bool onlyDirty);
    void ownerGone(const QString &owner);
    QDBusMessage signalTo(const QString &owner, const QString &name) const;

    QDBusConnection bus_;
    std::map<QString, Job> jobs_;
    ClientWatch owners_;
    QTimer frames_;
};

} // namespace hako::helper
