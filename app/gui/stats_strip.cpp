#include "stats_strip.h"

#include "helper_connection.h"
#include "stats_feed.h"
#include "stats_units.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>

namespace hako::gui {

StatsStrip::StatsStrip(HelperConnection *helper, QWidget *parent) : QWidget(parent), helper_(helper)
{
    setObjectName(QStringLiteral("statsStrip"));
    figures_ = new QLabel(this);
    figures_->setObjectName(QStringLiteral("statsStripFigures"));
    figures_->setTextFormat(Qt::PlainText);
    open_ = new QPushButton(tr("Statistics…"), this);
    open_->setObjectName(QStringLiteral("detailsStatistics"));
    open_->setToolTip(tr("Graphs of this container's CPU, memory, network, disk and processes"));
    connect(open_, &QPushButton::clicked, this, [this] {
        if (!id_.isEmpty())
            emit statisticsRequested(id_);
    });
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 0, 2);
    layout->addWidget(figures_, 1);
    layout->addWidget(open_);
    connect(
        &helper->stats(), &StatsFeed::frameReceived, this, [this](const QList<StatsSample> &frame) {
            const auto mine = std::find_if(frame.begin(), frame.end(),
                                           [this](const StatsSample &s) { return s.id == id_; });
            show(mine == frame.end() ? nullptr : &*mine);
        });
    show(nullptr);
}

void StatsStrip::setContainer(const QString &id)
{
    id_ = id;
    show(helper_->stats().latest(id));
}

QString StatsStrip::text() const
{
    return figures_->text();
}

void StatsStrip::show(const StatsSample *sample)
{
    open_->setEnabled(!id_.isEmpty());
    if (!sample) {
        figures_->setText(id_.isEmpty() ? QString() : tr("Not running"));
        return;
    }
    //: The shown container's use now: %1 CPU ("12.5 %"), %2 memory ("24.0 MiB")
    figures_->setText(tr("CPU %1 · Memory %2")
                          .arg(valueText(Quantity::Percent, sample->cpuPercent),
                               valueText(Quantity::Bytes, double(sample->memoryUsage))));
}

} // namespace hako::gui
