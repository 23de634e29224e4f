// The manager object, /org/hako/Containers1 (org.hako.Containers1.Manager). Each method
// checks its arguments, asks polkit, runs core's verb on a worker thread and answers with a
// delayed reply: the event loop never waits for the kernel, polkit or a container.
#pragma once

#include "auto_remove.h"
#include "errors.h"
#include "exec_sessions.h"
#include "jobs.h"
#include "network_reconciler.h"
#include "options.h"
#include "polkit.h"
#include "state_watcher.h"
#include "stats_sampler.h"
#include "subscriptions.h"
#include "waiters.h"

#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusUnixFileDescriptor>
#include <QElapsedTimer>
#include <QObject>
#include <QThreadPool>

#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace hako::helper {

class ContainerObject;

// One call in flight: who asked, for what, and where the answer goes.
struct Call {
    QDBusConnection connection;
    QDBusMessage message;
    QString verb; // the method name, for polkit details and messages
    QString ref;  // the container (or exec session) it is about
};

// What a worker hands back to the main thread.
struct Outcome {
    std::optional<Failure> failure;
    QVariantList reply;
    std::optional<StateWatcher::Scan> scan; // applied (signals emitted) before the reply
    std::function<QVariantList()> onMain;    // if set, builds the reply on the main thread
};

class Manager : public QObject, protected QDBusContext {
    Q_OBJECT
public:
    Manager(HelperOptions options, QDBusConnection bus, QObject *parent = nullptr);
    ~Manager() override;

    // Registers the objects of the containers already on disk and the manager object.
    bool publish();
    // Seconds since the last call, or -1 while anything is in progress.
    qint64 idleSeconds() const;

public slots: // the D-Bus API, called by the generated ManagerAdaptor
    QList<QVariantMap> ListContainers();
    QVariantMap GetContainer(const QString &ref);
    QString CreateContainer(const QString &name, const QString &image, const QString &spec,
                            const QVariantMap &options);
    void StartContainer(const QString &ref);
    void StopContainer(const QString &ref, uint timeoutSeconds);
    void RestartContainer(const QString &ref, uint timeoutSeconds);
    void KillContainer(const QString &ref, int signal);
    void RemoveContainer(const QString &ref, bool force);
    int WaitContainer(const QString &ref, QVariantMap &state);
    QList<QVariantMap> GetLogs(const QString &ref, int tail);
    QDBusUnixFileDescriptor FollowLogs(const QString &ref, int tail);
    QDBusUnixFileDescriptor AttachOutput(const QString &ref);
    QString ExecInContainer(const QString &ref, const QStringList &args, const QVariantMap &options,
                            const QDBusUnixFileDescriptor &in, const QDBusUnixFileDescriptor &out,
                            const QDBusUnixFileDescriptor &err, QDBusUnixFileDescriptor &ptyMaster);
    int WaitExec(const QString &execId);
    void ResizeExec(const QString &execId, uint rows, uint cols);
    QDBusUnixFileDescriptor AttachContainer(const QString &ref);
    void ResizeContainer(const QString &ref, uint rows, uint cols);
    QList<QVariantMap> ListContainerProcesses(const QString &ref);
    QString CheckIsolation(const QString &container); // manager_isolation.cpp
    QString GetEffectiveSecurity(const QString &container); // manager_security.cpp
    QVariantMap GetHostInfo();
    // manager_images.cpp
    QList<QVariantMap> ListImages();
    QVariantMap GetImage(const QString &ref);
    QString PullImage(const QString &ref, const QVariantMap &options);
    QString ImportImage(const QDBusUnixFileDescriptor &archive, const QVariantMap &options);
    void CancelJob(const QString &job);
    QVariantMap RemoveImage(const QString &ref, bool force);
    void TagImage(const QString &ref, const QString &tag);
    QVariantMap PruneImages(bool all);
    void SaveImages(const QStringList &refs, const QDBusUnixFileDescriptor &out);
    void ExportContainer(const QString &ref, const QDBusUnixFileDescriptor &out);
    QString CommitContainer(const QString &ref, const QString &tag, const QVariantMap &options);
    QVariantMap GetDiskUsage();
    // manager_volumes.cpp
    QList<QVariantMap> ListVolumes();
    QVariantMap CreateVolume(const QString &name, const QVariantMap &options);
    void RemoveVolume(const QString &name, bool force);
    // manager_networks.cpp
    QList<QVariantMap> ListNetworks();
    QVariantMap GetNetwork(const QString &ref);
    QVariantMap CreateNetwork(const QString &name, const QVariantMap &options);
    void RemoveNetwork(const QString &ref);
    void ConnectNetwork(const QString &network, const QString &container, const QVariantMap &options);
    void DisconnectNetwork(const QString &network, const QString &container, bool force);
    void Subscribe();
    void Unsubscribe();
    // manager_resources.cpp
    void PauseContainer(const QString &ref);
    void UnpauseContainer(const QString &ref);
    QString UpdateContainer(const QString &ref, const QString &resources);
    QList<QVariantMap> GetStats(const QStringList &refs);
    void SubscribeStats(const QStringList &refs, uint intervalMs);
    void UnsubscribeStats();

signals:
    void NetworksChanged();
    void ContainerNew(const QString &id, const QString &name);
    void ContainerRemoved(const QString &id);
    void ContainerStateChanged(const QString &id, const QString &state, int exitStatus);
    // JobProgress / JobFinished are unicast to the job's caller (jobs.h), not emitted here.

private:
    using Work = std::function<QVariantList(Engine &engine)>;
    enum class Rescan { No, Yes };

    Call begin(const QString &verb, const QString &ref = {});
    void fail(const Call &call, const Failure &failure);
    void authorizeThen(const Call &call, const QString &action, std::function<void()> next);
    // Validation failed → error; else polkit → `work` on `pool` → reply.
    void dispatch(const Call &call, std::optional<Failure> invalid, const QString &action,
                  QThreadPool &pool, Rescan rescan, Work work);
    void runWork(const Call &call, QThreadPool &pool, Rescan rescan, Work work);
    // PullImage, ImportImage: polkit → a job of the caller's; the reply carries its id.
    void startJob(const Call &call, const QString &action, Jobs::Body body);
    // Thread-safe: queues `outcome` for the main thread, which replies.
    void post(const Call &call, Outcome outcome);
    void deliver(const Call &call, Outcome outcome);
    // FollowLogs and AttachOutput: a worker answers with a pipe once the log is open, then
    // streams into it; `hold` (an auto-remove hold, may be null) is dropped at the answer.
    void streamLog(const Call &call, LogOptions options, std::shared_ptr<void> hold);
    // Thread-safe: NetworksChanged, emitted on the main thread before the worker's reply.
    void announceNetworksChanged();

    void onAdded(const ContainerState &state);
    void onChanged(const ContainerState &before, const ContainerState &after);
    void onRemoved(const QString &id);

    HelperOptions options_;
    QDBusConnection bus_;
    Authorizer authorizer_;
    StateWatcher watcher_;
    ExecSessions execs_;
    Subscriptions subscriptions_;
    StatsSampler stats_;
    AutoRemover autoRemover_;
    Waiters waiters_;
    Jobs jobs_; // PullImage, ImportImage
    NetworkReconciler reconciler_;
    std::map<QString, std::unique_ptr<ContainerObject>> objects_;
    int inFlight_ = 0;
    QElapsedTimer sinceLastCall_;
};

} // namespace hako::helper
