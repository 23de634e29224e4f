// The Images view's table: one row per image of ListImages — repository:tag, short id, size,
// layers, created (relative) and the containers made from it. Reloaded on demand (after a
// job or a removal); the helper sends no image signals.
#pragma once

#include <QAbstractTableModel>
#include <QDBusError>
#include <QVariantMap>

namespace hako::gui {

class HelperConnection;

class ImageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, IdColumn, SizeColumn, LayersColumn, CreatedColumn, UsedByColumn,
                  ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SortRole, UsedByRole, NameRole };

    explicit ImageModel(HelperConnection *helper, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The ListImages entry of a row.
    QVariantMap image(int row) const { return images_.value(row); }
    int rowOfId(const QString &id) const;
    bool isLoaded() const { return loaded_; }

public slots:
    void reload(); // asynchronous: loaded() or loadFailed() follows

signals:
    void loaded();
    void loadFailed(const QDBusError &error);

private:
    // "busybox:latest, busybox:1.36" or "<none>" for an untagged image.
    static QString tagsText(const QVariantMap &image);

    HelperConnection *helper_;
    QList<QVariantMap> images_;
    bool loaded_ = false;
    bool loading_ = false;
    bool again_ = false; // a reload was asked while one was in flight
};

} // namespace hako::gui
