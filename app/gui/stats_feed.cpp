#include "stats_feed.h"

#include "details_common.h"
#include "error_text.h"
#include "helper_connection.h"

#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QEvent>
#include <QSettings>
#include <QWidget>

#include <algorithm>

namespace hako::gui {

namespace {

const QString kManagerInterface = QStringLiteral("org.hako.Containers1.Manager");
const QString kIntervalSetting = QStringLiteral("stats/intervalMs");
constexpr int kDefaultIntervalMs = 1000;
constexpr int kMinIntervalMs = 100;
constexpr int kMaxIntervalMs = 60000;

} // namespace

StatsFeed::StatsFeed(HelperConnection *helper) : QObject(helper), helper_(helper)
{
    qDBusRegisterMetaType<QList<QVariantMap>>();
    // A new helper (or a new bus connection) knows nothing of this app's subscription.
    connect(helper_, &HelperConnection::helperRestarted, this, [this] {
        hookSignal();
        if (isWatched())
            subscribe();
    });
    hookSignal();
}

StatsFeed::~StatsFeed() = default;

int StatsFeed::intervalMs()
{
    const int value = QSettings().value(kIntervalSetting, kDefaultIntervalMs).toInt();
    return std::clamp(value, kMinIntervalMs, kMaxIntervalMs);
}

const StatsSample *StatsFeed::latest(const QString &id) const
{
    const auto it = recent_.constFind(id);
    return it == recent_.constEnd() ? nullptr : &it->latest;
}

const StatsSample *StatsFeed::previous(const QString &id) const
{
    const auto it = recent_.constFind(id);
    return it == recent_.constEnd() || !it->previous ? nullptr : &*it->previous;
}

void StatsFeed::addWatcher()
{
    if (++watchers_ == 1)
        subscribe();
}

void StatsFeed::removeWatcher()
{
    if (--watchers_ == 0)
        unsubscribe();
}

void StatsFeed::hookSignal()
{
    QDBusConnection bus = helper_->bus();
    if (bus.name() == hookedBus_)
        return;
    hookedBus_ = bus.name();
    bus.connect(QString::fromLatin1(client::kService), QString::fromLatin1(client::kManagerPath),
                kManagerInterface, QStringLiteral("StatsUpdated"), this,
                SLOT(onStatsUpdated(QList<QVariantMap>)));
}

void StatsFeed::subscribe()
{
    // Every running container, also those started later: the table and the overview show
    // them all, and a stats window picks its own out of the frame.
    whenFinished(helper_, this, helper_->manager().SubscribeStats({}, uint(intervalMs())),
                 [this](QDBusPendingCallWatcher &call) {
                     if (!call.isError()) {
                         setProblem({});
                         return;
                     }
                     setProblem(
                         tr("The statistics cannot be shown: %1").arg(userMessage(call.error())));
                 });
}

void StatsFeed::unsubscribe()
{
    recent_.clear();
    whenFinished(helper_, this, helper_->manager().UnsubscribeStats(),
                 [](QDBusPendingCallWatcher &) {});
}

void StatsFeed::setProblem(const QString &problem)
{
    if (problem == problem_)
        return;
    problem_ = problem;
    emit problemChanged(problem_);
}

void StatsFeed::onStatsUpdated(const QList<QVariantMap> &entries)
{
    if (!isWatched())
        return; // a frame that was on its way when the last watch ended
    const QList<StatsSample> frame = StatsSample::fromFrame(entries);
    QHash<QString, Recent> recent;
    recent.reserve(frame.size());
    for (const StatsSample &sample : frame) {
        const auto before = recent_.constFind(sample.id);
        recent.insert(sample.id, {sample, before == recent_.constEnd()
                                              ? std::nullopt
                                              : std::optional<StatsSample>(before->latest)});
    }
    recent_ = std::move(recent); // stopped containers leave with the frame that lacks them
    emit frameReceived(frame);
}

StatsWatch::StatsWatch(StatsFeed &feed) : feed_(&feed)
{
    feed.addWatcher();
}

StatsWatch::~StatsWatch()
{
    if (feed_)
        feed_->removeWatcher();
}

StatsWatchWhileVisible::StatsWatchWhileVisible(QWidget *widget, StatsFeed &feed)
    : QObject(widget), feed_(&feed)
{
    widget->installEventFilter(this);
    if (widget->isVisible())
        watch_ = std::make_unique<StatsWatch>(feed);
}

StatsWatchWhileVisible::~StatsWatchWhileVisible() = default;

bool StatsWatchWhileVisible::eventFilter(QObject *, QEvent *event)
{
    if (event->type() == QEvent::Show && !watch_ && feed_)
        watch_ = std::make_unique<StatsWatch>(*feed_);
    else if (event->type() == QEvent::Hide)
        watch_.reset();
    return false;
}

} // namespace hako::gui
