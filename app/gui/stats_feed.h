// The helper's stats of every running container, for every view that shows them (the
// table's CPU and memory columns, the overview, the stats windows): one SubscribeStats for
// the whole app, held while at least one StatsWatch lives and given up with the last, asked
// again whenever the helper is restarted or the bus reconnected (a new helper knows no
// subscription). Frames arrive as StatsUpdated signals, sent to this app only.
#pragma once

#include "stats_sample.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

class QDBusError;
class QWidget;

namespace hako::gui {

class HelperConnection;

class StatsFeed : public QObject {
    Q_OBJECT
public:
    explicit StatsFeed(HelperConnection *helper);
    ~StatsFeed() override;

    // The frame period asked of the helper: the setting stats/intervalMs (default 1000,
    // 100..60000 as the helper accepts).
    static int intervalMs();

    bool isWatched() const { return watchers_ > 0; }
    // The newest sample of a running container and the one before it, from the last frames
    // (so a window opened now shows figures, and rates, at once); nullptr if none.
    const StatsSample *latest(const QString &id) const;
    const StatsSample *previous(const QString &id) const;
    // Why the subscription failed, in plain words ("" while it works).
    QString problem() const { return problem_; }

signals:
    // One frame: every running container the helper sampled, at the same moment.
    void frameReceived(const QList<hako::gui::StatsSample> &frame);
    void problemChanged(const QString &problem);

private slots: // QtDBus connects D-Bus signals to slots by signature
    void onStatsUpdated(const QList<QVariantMap> &entries);

private:
    friend class StatsWatch;
    void addWatcher();
    void removeWatcher();
    void hookSignal();
    void subscribe();
    void unsubscribe();
    void setProblem(const QString &problem);

    HelperConnection *helper_;
    QString hookedBus_;
    int watchers_ = 0;
    QString problem_;
    struct Recent {
        StatsSample latest;
        std::optional<StatsSample> previous;
    };
    QHash<QString, Recent> recent_;
};

// While one lives, the feed is subscribed.
class StatsWatch {
public:
    explicit StatsWatch(StatsFeed &feed);
    ~StatsWatch();
    StatsWatch(const StatsWatch &) = delete;
    StatsWatch &operator=(const StatsWatch &) = delete;

private:
    QPointer<StatsFeed> feed_;
};

// Holds a StatsWatch while `widget` is shown: the main window watches while it is on screen,
// and stops costing the helper anything once it is hidden or minimised.
class StatsWatchWhileVisible : public QObject {
public:
    StatsWatchWhileVisible(QWidget *widget, StatsFeed &feed);
    ~StatsWatchWhileVisible() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<StatsFeed> feed_;
    std::unique_ptr<StatsWatch> watch_;
};

} // namespace hako::gui
