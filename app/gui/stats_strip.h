// A line under the details pane: the shown container's CPU and memory of now, from the
// app's stats feed, and the button that opens its stats window.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace hako::gui {

class HelperConnection;
struct StatsSample;

class StatsStrip : public QWidget {
    Q_OBJECT
public:
    explicit StatsStrip(HelperConnection *helper, QWidget *parent = nullptr);

    // The container's full id ("" for none).
    void setContainer(const QString &id);
    QString text() const;

signals:
    void statisticsRequested(const QString &id);

private:
    void show(const StatsSample *sample);

    HelperConnection *helper_;
    QString id_;
    QLabel *figures_;
    QPushButton *open_;
};

} // namespace hako::gui
