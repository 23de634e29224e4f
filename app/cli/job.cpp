#include "job.h"

#include "dbus_values.h"
#include "signals.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTimer>

#include <csignal>

namespace hako::cli {

namespace {

struct Frame {
    QString job;
    QList<QVariantMap> progress;
};

} // namespace

std::optional<JobOutcome> runJob(Session &session, const std::function<QDBusPendingReply<QString>()> &start,
                                 const ProgressHandler &onProgress)
{
    ManagerProxy &manager = session.manager();
    QEventLoop loop;
    QString job;
    QList<Frame> early; // frames that came before the reply named our job
    std::optional<JobOutcome> outcome;
    QList<std::pair<QString, JobOutcome>> earlyEnds;
    const auto progress = QObject::connect(&manager, &ManagerProxy::JobProgress, &loop,
                                           [&](const QString &id, const QList<QVariantMap> &frame) {
        if (job.isEmpty())
            early.append(Frame{id, plainMaps(frame)});
        else if (id == job && onProgress)
            onProgress(plainMaps(frame));
    });
    const auto end = QObject::connect(&manager, &ManagerProxy::JobFinished, &loop,
                                      [&](const QString &id, bool ok, const QString &result) {
        JobOutcome done{ok, false, QJsonDocument::fromJson(result.toUtf8()).object()};
        if (job.isEmpty()) {
            earlyEnds.append({id, done});
        } else if (id == job) {
            outcome = done;
            loop.quit();
        }
    });
    QDBusPendingReply<QString> reply = start();
    if (!finished(reply)) {
        QObject::disconnect(progress);
        QObject::disconnect(end);
        return std::nullopt;
    }
    job = reply.value();
    for (const Frame &frame : early)
        if (frame.job == job && onProgress)
            onProgress(frame.progress);
    for (const auto &[id, done] : earlyEnds)
        if (id == job)
            outcome = done;

    // Ctrl-C: ask the helper to cancel, then wait for the job's end it promises (it leaves
    // nothing behind), but not forever.
    CaughtSignals caught({SIGINT, SIGTERM});
    QSocketNotifier notifier(caught.fd(), QSocketNotifier::Read);
    bool interrupted = false;
    QObject::connect(&notifier, &QSocketNotifier::activated, &loop, [&] {
        caught.drain();
        if (interrupted)
            return;
        interrupted = true;
        manager.CancelJob(job).waitForFinished();
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    });
    if (!outcome)
        loop.exec();
    QObject::disconnect(progress);
    QObject::disconnect(end);
    JobOutcome result = outcome.value_or(JobOutcome{});
    result.interrupted = interrupted;
    return result;
}

QString jobError(const QJsonObject &result)
{
    const QString message = result.value(QStringLiteral("Message")).toString();
    return message.isEmpty() ? QStringLiteral("the job failed without a message") : message;
}

} // namespace hako::cli
