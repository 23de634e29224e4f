// Details page "Network": how the container is networked (its mode, from the spec), and while
// it runs its address on each network (interface, IP/prefix, gateway, MAC) and its published
// ports, from GetContainer's Endpoints and Ports.
#pragma once

#include <QVariantMap>
#include <QWidget>

class QDBusError;
class QLabel;
class QTableWidget;

namespace hako::gui
{

class PageMessage;

class NetworkPage : public QWidget
{
    Q_OBJECT
  public:
    enum AddressColumn {
        NetworkColumn,
        InterfaceColumn,
        AddressColumn,
        GatewayColumn,
        MacColumn,
        AddressColumnCount
    };
    enum PortColumn {
        HostIpColumn,
        HostPortColumn,
        ContainerPortColumn,
        ProtocolColumn,
        PortColumnCount
    };

    explicit NetworkPage(QWidget *parent = nullptr);

    void showContainer(const QVariantMap &container); // GetContainer's map
    void showError(const QDBusError &error);
    void clear();

    QTableWidget *addresses() const { return addresses_; }
    QTableWidget *ports() const { return ports_; }
    QString modeText() const;

  private:
    void fillAddresses(const QList<QVariantMap> &endpoints);
    void fillPorts(const QList<QVariantMap> &ports);

    PageMessage *message_;
    QLabel *mode_;
    QTableWidget *addresses_;
    QTableWidget *ports_;
};

// The network mode a spec (config.json text) asks for, in words: "bridge (backend, bridge)",
// "none (loopback only)", "the host's network", "the network of container <id>".
QString networkModeText(const QString &specJson);

} // namespace hako::gui
