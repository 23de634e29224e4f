// Details page "Processes": the container's processes like `docker top`, refreshed every
// 2 s while the page is on screen and the container runs (ListContainerProcesses), and not
// at all otherwise.
#pragma once

#include <QTimer>
#include <QWidget>

class QDBusError;
class QSortFilterProxyModel;
class QTableView;

namespace hako::gui {

class HelperConnection;
class PageMessage;
class ProcessModel;

class ProcessesPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 2000;

    explicit ProcessesPage(HelperConnection *helper, QWidget *parent = nullptr);

    void setContainer(const QString &id);
    void setRunning(bool running);

    ProcessModel *model() const { return model_; }
    QTableView *view() const { return view_; }
    bool isRefreshing() const { return timer_.isActive(); }

public slots:
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateTimer();
    void showProcesses(const QList<QVariantMap> &processes);
    void showError(const QDBusError &error);

    HelperConnection *helper_;
    PageMessage *message_;
    ProcessModel *model_;
    QSortFilterProxyModel *sorted_;
    QTableView *view_;
    QTimer timer_;
    QString id_;
    bool running_ = false;
    bool inFlight_ = false;
    quint64 generation_ = 0;
};

} // namespace hako::gui
