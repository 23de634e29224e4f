// The Networks view's table: one row per network of ListNetworks — name, driver, subnet,
// gateway, bridge, internal, inter-container traffic and the containers on it. Reloaded on
// the helper's NetworksChanged, ContainerNew and ContainerRemoved signals and on demand.
#pragma once

#include "helper_list_model.h"

namespace hako::gui
{

class NetworkModel : public HelperListModel
{
    Q_OBJECT
  public:
    enum Column {
        NameColumn,
        DriverColumn,
        SubnetColumn,
        GatewayColumn,
        BridgeColumn,
        InternalColumn,
        IccColumn,
        ContainersColumn,
        ColumnCount
    };
    enum Role { IdRole = Qt::UserRole + 1, NameRole, RemovableRole };

    explicit NetworkModel(HelperConnection *helper, QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    QVariantMap network(int row) const { return entry(row); }
    int rowOfName(const QString &name) const { return rowWhere(QStringLiteral("Name"), name); }
    // The default network and the pseudo networks host and none cannot be removed.
    static bool isRemovable(const QVariantMap &network);

  protected:
    QDBusPendingCall requestList() const override;

  private:
    QString text(const QVariantMap &network, int column) const;
};

} // namespace hako::gui
