// docker system df in a window: for images, containers and volumes the number, how many are
// in use, their size and what removing the unused ones would give back; then a table per kind.
#pragma once

#include <QDialog>
#include <QVariantMap>

class QLabel;
class QTableWidget;

namespace hako::gui {

class HelperConnection;

class DiskUsageDialog : public QDialog {
    Q_OBJECT
public:
    explicit DiskUsageDialog(HelperConnection *helper, QWidget *parent = nullptr);

    // The summary's rows: 0 images, 1 containers, 2 volumes; columns: kind, total, active,
    // size, reclaimable.
    QTableWidget *summary() const { return summary_; }

public slots:
    void reload();

signals:
    void loaded();

private:
    void showUsage(const QVariantMap &usage);
    void fillImages(const QList<QVariantMap> &images);
    void fillContainers(const QList<QVariantMap> &containers);
    void fillVolumes(const QList<QVariantMap> &volumes);
    void setSummaryRow(int row, const QString &kind, int total, int active, quint64 size,
                       quint64 reclaimable);

    HelperConnection *helper_;
    QLabel *message_;
    QTableWidget *summary_;
    QTableWidget *images_;
    QTableWidget *containers_;
    QTableWidget *volumes_;
};

} // namespace hako::gui
