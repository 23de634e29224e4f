#include "jobs.h"

#include "store.h"
#include "workers.h"

#include <QDBusMessage>
#include <QJsonDocument>

namespace hako::helper
{

namespace
{

QVariantMap progressEntry(const PullProgress &p)
{
    return {{"Id", QString::fromStdString(p.id)},
            {"Status", QString::fromStdString(p.status)},
            {"Current", qulonglong(p.current)},
            {"Total", qulonglong(p.total)}};
}

} // namespace

void JobContext::report(const PullProgress &progress)
{
    const std::lock_guard lock(mutex_);
    dirty_ = true;
    for (PullProgress &layer : layers_)
        if (layer.id == progress.id) {
            layer = progress;
            return;
        }
    layers_.push_back(progress);
}

Jobs::Jobs(QDBusConnection bus, QObject *parent) : QObject(parent), bus_(bus), owners_(bus)
{
    connect(&owners_, &ClientWatch::gone, this, &Jobs::ownerGone);
    // One timer for every job: each tick sends a frame for the jobs whose layers changed.
    frames_.setInterval(1000 / kFramesPerSecond);
    connect(&frames_, &QTimer::timeout, this, [this] { sendFrames(true); });
}

Jobs::~Jobs()
{
    // The helper is going away: workers still running stop at their next check.
    for (auto &[id, job] : jobs_)
        job.context->cancel_ = true;
}

QString Jobs::add(const QString &owner)
{
    // Random, so that another client cannot guess it (ownership is checked anyway).
    QString id;
    do
        id = QString::fromStdString(generateId().substr(0, 16));
    while (jobs_.count(id) > 0);
    jobs_[id].owner = owner;
    owners_.watch(owner);
    if (!frames_.isActive())
        frames_.start();
    return id;
}

void Jobs::run(const QString &id, Body body)
{
    const auto it = jobs_.find(id);
    if (it == jobs_.end())
        return;
    Workers::blocking().start([this, id, context = it->second.context, body = std::move(body)] {
        bool ok = true;
        QJsonObject result;
        try {
            result = body(*context);
        } catch (...) {
            Failure failure = failureFromCurrentException();
            // A cancelled job may fail some other way first (a pipe closed under it): the
            // caller asked for the cancellation, and that is what it is told.
            if (context->cancel_ && failure.name != errors::Cancelled)
                failure = {errors::Cancelled, "job " + id + " cancelled (" + failure.message + ")"};
            ok = false;
            result = {{"ErrorName", failure.name}, {"Message", failure.message}};
        }
        QMetaObject::invokeMethod(
            this, [this, id, ok, result] { finish(id, ok, result); }, Qt::QueuedConnection);
    });
}

std::optional<Failure> Jobs::cancel(const QString &id, const QString &caller)
{
    const auto it = jobs_.find(id);
    if (it == jobs_.end())
        return Failure{errors::InvalidArgs,
                       "job: no job " + id + " (it may have finished already)"};
    if (it->second.owner != caller)
        return Failure{errors::AccessDenied, "job " + id + " belongs to another caller"};
    it->second.context->cancel_ = true;
    return std::nullopt;
}

void Jobs::finish(const QString &id, bool ok, const QJsonObject &result)
{
    const auto it = jobs_.find(id);
    if (it == jobs_.end())
        return;
    const Job job = std::move(it->second);
    jobs_.erase(it);
    // The last frame goes out even when nothing changed since the previous one: a caller
    // always sees the final state of every layer before the end.
    sendFrame(id, job, false);
    QDBusMessage finished = signalTo(job.owner, QStringLiteral("JobFinished"));
    finished << id << ok << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Compact));
    bus_.send(finished);
    owners_.unwatch(job.owner);
    if (jobs_.empty())
        frames_.stop();
}

void Jobs::sendFrames(bool onlyDirty)
{
    for (const auto &[id, job] : jobs_)
        sendFrame(id, job, onlyDirty);
}

void Jobs::sendFrame(const QString &id, const Job &job, bool onlyDirty)
{
    QList<QVariantMap> entries;
    {
        JobContext &context = *job.context;
        const std::lock_guard lock(context.mutex_);
        if (onlyDirty && !context.dirty_)
            return;
        context.dirty_ = false;
        for (const PullProgress &layer : context.layers_)
            entries << progressEntry(layer);
    }
    QDBusMessage frame = signalTo(job.owner, QStringLiteral("JobProgress"));
    frame << id << QVariant::fromValue(entries);
    bus_.send(frame);
}

void Jobs::ownerGone(const QString &owner)
{
    for (auto &[id, job] : jobs_)
        if (job.owner == owner)
            job.context->cancel_ = true;
}

QDBusMessage Jobs::signalTo(const QString &owner, const QString &name) const
{
    return QDBusMessage::createTargetedSignal(owner, QStringLiteral("/org/hako/Containers1"),
                                              QStringLiteral("org.hako.Containers1.Manager"), name);
}

} // namespace hako::helper
