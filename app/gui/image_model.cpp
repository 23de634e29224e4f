#include "image_model.h"

#include "helper_connection.h"
#include "image_text.h"

namespace hako::gui {

ImageModel::ImageModel(HelperConnection *helper, QObject *parent)
    : HelperListModel(helper, ColumnCount, parent)
{
}

QDBusPendingCall ImageModel::requestList() const
{
    return helper()->manager().ListImages();
}

QString ImageModel::tagsText(const QVariantMap &image)
{
    const QStringList tags = image.value(QStringLiteral("RepoTags")).toStringList();
    //: An image without any repository:tag (as docker images shows it)
    return tags.isEmpty() ? tr("<none>") : tags.join(QStringLiteral(", "));
}

QVariant ImageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantMap image = entry(index.row());
    const QString id = image.value(QStringLiteral("Id")).toString();
    const QStringList usedBy = image.value(QStringLiteral("UsedBy")).toStringList();
    switch (role) {
    case IdRole:
        return id;
    case UsedByRole:
        return usedBy;
    case NameRole:
        return image.value(QStringLiteral("Name")).toString();
    case Qt::ToolTipRole:
        if (index.column() == IdColumn)
            return id;
        if (index.column() == SizeColumn)
            return tr("%1 bytes").arg(image.value(QStringLiteral("Size")).toULongLong());
        return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == LayersColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case SizeColumn:
            return image.value(QStringLiteral("Size")).toULongLong();
        case LayersColumn:
            return image.value(QStringLiteral("Layers")).toUInt();
        case CreatedColumn:
            return image.value(QStringLiteral("CreatedUsec")).toLongLong();
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return tagsText(image);
        case IdColumn:
            return shortImageId(id);
        case SizeColumn:
            return bytesText(image.value(QStringLiteral("Size")).toULongLong());
        case LayersColumn:
            return image.value(QStringLiteral("Layers")).toUInt();
        case CreatedColumn:
            return relativeTimeText(image.value(QStringLiteral("CreatedUsec")).toLongLong());
        case UsedByColumn:
            return usedBy.isEmpty() ? QStringLiteral("—") : usedBy.join(QStringLiteral(", "));
        }
        return {};
    default:
        return {};
    }
}

QVariant ImageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        //: Column: the image's repository and tag, "busybox:latest"
        return tr("Repository:Tag");
    case IdColumn:
        return tr("ID");
    case SizeColumn:
        return tr("Size");
    case LayersColumn:
        return tr("Layers");
    case CreatedColumn:
        return tr("Created");
    case UsedByColumn:
        //: Column: the containers made from the image
        return tr("Used by");
    }
    return {};
}

} // namespace hako::gui
