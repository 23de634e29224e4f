// One PullImage or ImportImage job of this app, followed through the helper's unicast
// JobProgress and JobFinished signals. The signals may come before the method's reply has
// told which job is ours (a pull that fails at once), so they are kept until it has.
#pragma once

#include <QDBusError>
#include <QDBusPendingCall>
#include <QList>
#include <QObject>
#include <QVariantMap>

namespace hako::gui {

class HelperConnection;

struct JobLayer {
    QString id;     // the layer's short digest
    QString status; // Waiting, Downloading, Verifying, Extracting, Pull complete, Already exists
    quint64 current = 0;
    quint64 total = 0; // 0: unknown
};

class ImageJob : public QObject {
    Q_OBJECT
public:
    explicit ImageJob(HelperConnection *helper, QObject *parent = nullptr);

    // Follows the job `call` (a PullImage or ImportImage) starts. One job at a time.
    void start(const QDBusPendingCall &call);
    // CancelJob; the job then finishes with Cancelled. A cancel before the id is known is
    // sent once it is.
    void cancel();

    bool isRunning() const { return running_; }
    QString jobId() const { return job_; }

    // A translated line for a layer's status as the helper names it.
    static QString statusText(const QString &status);

signals:
    void progress(const QList<hako::gui::JobLayer> &layers);
    // ok: `result` is the JSON the helper sent ({"Images": [...]...}); failed: `message` is
    // in plain words and `errorName` the D-Bus error name (…Error.Cancelled for a cancel).
    void finished(bool ok, const QVariantMap &result, const QString &errorName,
                  const QString &message);

private slots: // QtDBus connects D-Bus signals to slots by signature
    void onJobProgress(const QString &job, const QList<QVariantMap> &entries);
    void onJobFinished(const QString &job, bool ok, const QString &result);

private:
    void hookSignals();
    void deliverProgress(const QList<QVariantMap> &entries);
    void deliverFinished(bool ok, const QString &result);
    void failWith(const QDBusError &error);

    HelperConnection *helper_;
    QString job_;
    bool running_ = false;
    bool cancelAsked_ = false;
    QString hookedBus_;
    // Signals that came before the reply, by job id.
    QHash<QString, QList<QVariantMap>> earlyProgress_;
    QHash<QString, std::pair<bool, QString>> earlyFinish_;
};

} // namespace hako::gui

Q_DECLARE_METATYPE(hako::gui::JobLayer)
