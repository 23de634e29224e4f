#include "network_model.h"

#include "helper_connection.h"

namespace hako::gui
{

NetworkModel::NetworkModel(HelperConnection *helper, QObject *parent)
    : HelperListModel(helper, ColumnCount, parent)
{
    connect(&helper->manager(), &ManagerProxy::NetworksChanged, this, &NetworkModel::reload);
    // A container made or removed joins or leaves its networks' Containers column without a
    // NetworksChanged of its own.
    connect(&helper->manager(), &ManagerProxy::ContainerNew, this, [this] { reload(); });
    connect(&helper->manager(), &ManagerProxy::ContainerRemoved, this, [this] { reload(); });
}

QDBusPendingCall NetworkModel::requestList() const
{
    return helper()->manager().ListNetworks();
}

bool NetworkModel::isRemovable(const QVariantMap &network)
{
    return network.value(QStringLiteral("Driver")).toString() == QLatin1String("bridge") &&
           network.value(QStringLiteral("Name")).toString() != QLatin1String("bridge");
}

QString NetworkModel::text(const QVariantMap &network, int column) const
{
    const auto value = [&](const char *key) {
        const QString text = network.value(QLatin1String(key)).toString();
        return text.isEmpty() ? QStringLiteral("—") : text;
    };
    // The pseudo networks (host, none) have no bridge: yes/no would say nothing about them.
    const bool bridged =
        network.value(QStringLiteral("Driver")).toString() == QLatin1String("bridge");
    const auto flag = [&](const char *key) {
        if (!bridged)
            return QStringLiteral("—");
        return network.value(QLatin1String(key)).toBool() ? tr("Yes") : tr("No");
    };
    switch (column) {
    case NameColumn:
        return value("Name");
    case DriverColumn:
        return value("Driver");
    case SubnetColumn:
        return value("Subnet");
    case GatewayColumn:
        return value("Gateway");
    case BridgeColumn:
        return value("Bridge");
    case InternalColumn:
        return flag("Internal");
    case IccColumn:
        return flag("Icc");
    case ContainersColumn: {
        const QStringList names = network.value(QStringLiteral("Containers")).toStringList();
        return names.isEmpty() ? QStringLiteral("—") : names.join(QStringLiteral(", "));
    }
    }
    return {};
}

QVariant NetworkModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantMap network = entry(index.row());
    switch (role) {
    case IdRole:
        return network.value(QStringLiteral("Id")).toString();
    case NameRole:
        return network.value(QStringLiteral("Name")).toString();
    case RemovableRole:
        return isRemovable(network);
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return network.value(QStringLiteral("Id")).toString();
        if (index.column() == IccColumn)
            return tr("Whether containers on this network may reach each other");
        if (index.column() == InternalColumn)
            return tr("An internal network has no way out of this computer");
        return text(network, index.column());
    case Qt::DisplayRole:
        return text(network, index.column());
    default:
        return {};
    }
}

QVariant NetworkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DriverColumn:
        //: Column: how the network is made ("bridge"; "host" and "null" for the pseudo ones)
        return tr("Driver");
    case SubnetColumn:
        return tr("Subnet");
    case GatewayColumn:
        return tr("Gateway");
    case BridgeColumn:
        //: Column: the name of the network's bridge interface on the host ("hako0")
        return tr("Bridge");
    case InternalColumn:
        //: Column: whether the network has no way out of the computer
        return tr("Internal");
    case IccColumn:
        //: Column: whether containers on the network may talk to each other
        return tr("Between containers");
    case ContainersColumn:
        return tr("Containers");
    }
    return {};
}

} // namespace hako::gui
