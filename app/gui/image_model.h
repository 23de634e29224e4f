// The Images view's table: one row per image of ListImages — repository:tag, short id, size,
// layers, created (relative) and the containers made from it. Reloaded on demand (after a
// job or a removal); the helper sends no image signals.
#pragma once

#include "helper_list_model.h"

namespace hako::gui {

class ImageModel : public HelperListModel {
    Q_OBJECT
public:
    enum Column { NameColumn, IdColumn, SizeColumn, LayersColumn, CreatedColumn, UsedByColumn,
                  ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, SortRole, UsedByRole, NameRole };

    explicit ImageModel(HelperConnection *helper, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The ListImages entry of a row.
    QVariantMap image(int row) const { return entry(row); }
    int rowOfId(const QString &id) const { return rowWhere(QStringLiteral("Id"), id); }

protected:
    QDBusPendingCall requestList() const override;

private:
    // "busybox:latest, busybox:1.36" or "<none>" for an untagged image.
    static QString tagsText(const QVariantMap &image);
};

} // namespace hako::gui
