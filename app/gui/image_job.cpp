#include "image_job.h"

#include "details_common.h"
#include "error_text.h"
#include "helper_connection.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QJsonDocument>
#include <QJsonObject>

namespace hako::gui {

namespace {

const QString kManagerInterface = QStringLiteral("org.hako.Containers1.Manager");
const QString kCancelled = QStringLiteral("org.hako.Containers1.Error.Cancelled");

} // namespace

ImageJob::ImageJob(HelperConnection *helper, QObject *parent) : QObject(parent), helper_(helper)
{
}

void ImageJob::hookSignals()
{
    QDBusConnection bus = helper_->bus();
    if (bus.name() == hookedBus_)
        return;
    hookedBus_ = bus.name();
    const QString service = QString::fromLatin1(client::kService);
    const QString path = QString::fromLatin1(client::kManagerPath);
    bus.connect(service, path, kManagerInterface, QStringLiteral("JobProgress"), this,
                SLOT(onJobProgress(QString, QList<QVariantMap>)));
    bus.connect(service, path, kManagerInterface, QStringLiteral("JobFinished"), this,
                SLOT(onJobFinished(QString, bool, QString)));
}

void ImageJob::start(const QDBusPendingCall &call)
{
    hookSignals();
    job_.clear();
    running_ = true;
    cancelAsked_ = false;
    earlyProgress_.clear();
    earlyFinish_.clear();
    whenFinished(helper_, this, call, [this](QDBusPendingCallWatcher &w) {
        const QDBusPendingReply<QString> reply = w;
        if (reply.isError()) {
            failWith(reply.error());
            return;
        }
        job_ = reply.value();
        if (const auto it = earlyProgress_.constFind(job_); it != earlyProgress_.constEnd())
            deliverProgress(*it);
        earlyProgress_.clear();
        if (const auto it = earlyFinish_.constFind(job_); it != earlyFinish_.constEnd()) {
            const auto [ok, result] = *it;
            earlyFinish_.clear();
            deliverFinished(ok, result);
            return;
        }
        earlyFinish_.clear();
        if (cancelAsked_)
            cancel();
    });
}

void ImageJob::cancel()
{
    if (!running_)
        return;
    cancelAsked_ = true;
    if (job_.isEmpty())
        return; // sent once the reply names the job
    // An error here means the job had already ended: its JobFinished says how.
    whenFinished(helper_, this, helper_->manager().CancelJob(job_),
                 [](QDBusPendingCallWatcher &) {});
}

void ImageJob::onJobProgress(const QString &job, const QList<QVariantMap> &entries)
{
    if (!running_)
        return;
    if (job_.isEmpty())
        earlyProgress_.insert(job, entries);
    else if (job == job_)
        deliverProgress(entries);
}

void ImageJob::onJobFinished(const QString &job, bool ok, const QString &result)
{
    if (!running_)
        return;
    if (job_.isEmpty())
        earlyFinish_.insert(job, {ok, result});
    else if (job == job_)
        deliverFinished(ok, result);
}

void ImageJob::deliverProgress(const QList<QVariantMap> &entries)
{
    QList<JobLayer> layers;
    for (const QVariantMap &entry : entries)
        layers.append({entry.value(QStringLiteral("Id")).toString(),
                       entry.value(QStringLiteral("Status")).toString(),
                       entry.value(QStringLiteral("Current")).toULongLong(),
                       entry.value(QStringLiteral("Total")).toULongLong()});
    emit progress(layers);
}

void ImageJob::deliverFinished(bool ok, const QString &result)
{
    running_ = false;
    const QVariantMap map = QJsonDocument::fromJson(result.toUtf8()).object().toVariantMap();
    if (ok) {
        emit finished(true, map, QString(), QString());
        return;
    }
    const QString name = map.value(QStringLiteral("ErrorName")).toString();
    const QString message = map.value(QStringLiteral("Message")).toString();
    if (name == kCancelled)
        emit finished(false, map, name, tr("Cancelled: nothing was kept."));
    else
        emit finished(false, map, name, userMessage(QDBusMessage::createError(name, message)));
}

void ImageJob::failWith(const QDBusError &error)
{
    running_ = false;
    emit finished(false, {}, error.name(), userMessage(error));
}

QString ImageJob::statusText(const QString &status)
{
    if (status == QLatin1String("Waiting"))
        return tr("Waiting");
    if (status == QLatin1String("Downloading"))
        return tr("Downloading");
    if (status == QLatin1String("Verifying"))
        return tr("Verifying");
    if (status == QLatin1String("Extracting"))
        return tr("Extracting");
    if (status == QLatin1String("Pull complete"))
        return tr("Pull complete");
    if (status == QLatin1String("Already exists"))
        return tr("Already exists");
    return status;
}

} // namespace hako::gui
