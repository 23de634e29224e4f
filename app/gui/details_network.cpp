#include "details_network.h"

#include "container_info.h"
#include "details_common.h"
#include "image_text.h"

#include <QDBusError>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

QTableWidget *makeTable(const QString &name, const QString &accessibleName,
                        const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    // Sized to their values, but never so narrow that short ones (ports, "eth0") crowd
    // their headers together.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setMinimumSectionSize(64);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

void setRow(QTableWidget *table, int row, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column)
        table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
}

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

} // namespace

QString networkModeText(const QString &specJson)
{
    const QJsonObject spec = QJsonDocument::fromJson(specJson.toUtf8()).object();
    const QJsonObject annotations = spec.value(QStringLiteral("annotations")).toObject();
    const QString join = annotations.value(QStringLiteral("org.hako.namespace.network")).toString();
    if (!join.isEmpty())
        //: The container uses another container's network: "the network of container 3f2a…"
        return NetworkPage::tr("the network of container %1")
            .arg(join.mid(join.indexOf(QLatin1Char(':')) + 1).left(12));
    bool ownNamespace = false;
    for (const QJsonValue &ns : spec.value(QStringLiteral("linux"))
                                    .toObject()
                                    .value(QStringLiteral("namespaces"))
                                    .toArray())
        ownNamespace |=
            ns.toObject().value(QStringLiteral("type")).toString() == QLatin1String("network");
    if (!ownNamespace)
        return NetworkPage::tr("the host's network");
    const QString networks = annotations.value(QStringLiteral("org.hako.network")).toString();
    if (networks.isEmpty())
        return NetworkPage::tr("none (loopback only)");
    //: Bridge mode and the networks the container is on: "bridge (backend, bridge)"
    return NetworkPage::tr("bridge (%1)")
        .arg(networks.split(QLatin1Char(',')).join(QStringLiteral(", ")));
}

NetworkPage::NetworkPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("detailsNetwork"));
    auto *layout = new QVBoxLayout(this);
    message_ = new PageMessage(QStringLiteral("networkMessage"), this);
    layout->addWidget(message_);
    auto *form = new QFormLayout;
    mode_ = new QLabel(this);
    mode_->setObjectName(QStringLiteral("networkModeValue"));
    mode_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    //: The container's network mode: bridge, none, host or another container's
    form->addRow(tr("Mode:"), mode_);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Addresses"), this));
    addresses_ = makeTable(
        QStringLiteral("networkAddresses"), tr("Addresses"),
        {tr("Network"), tr("Interface"), tr("IP address"), tr("Gateway"), tr("MAC address")}, this);
    layout->addWidget(addresses_, 1);
    layout->addWidget(new QLabel(tr("Published ports"), this));
    ports_ =
        makeTable(QStringLiteral("networkPorts"), tr("Published ports"),
                  {tr("Host IP"), tr("Host port"), tr("Container port"), tr("Protocol")}, this);
    layout->addWidget(ports_, 1);
    clear();
}

QString NetworkPage::modeText() const
{
    return mode_->text();
}

void NetworkPage::showContainer(const QVariantMap &c)
{
    message_->clearMessage();
    mode_->setText(networkModeText(c.value(QStringLiteral("Spec")).toString()));
    const QString state = c.value(QStringLiteral("State")).toString();
    const bool live = state == states::kRunning || state == states::kPaused;
    fillAddresses(variantMapList(c.value(QStringLiteral("Endpoints"))));
    fillPorts(variantMapList(c.value(QStringLiteral("Ports"))));
    if (!live)
        message_->showHint(tr("Addresses are given while the container runs; it is not running "
                              "now."));
}

void NetworkPage::fillAddresses(const QList<QVariantMap> &endpoints)
{
    addresses_->setRowCount(int(endpoints.size()));
    for (int row = 0; row < endpoints.size(); ++row) {
        const QVariantMap &e = endpoints.at(row);
        const QString address = e.value(QStringLiteral("IPAddress")).toString();
        const int prefix = e.value(QStringLiteral("IPPrefixLen")).toInt();
        setRow(addresses_, row,
               {orDash(e.value(QStringLiteral("NetworkName")).toString()),
                orDash(e.value(QStringLiteral("Interface")).toString()),
                address.isEmpty() ? QStringLiteral("—")
                                  : QStringLiteral("%1/%2").arg(address).arg(prefix),
                orDash(e.value(QStringLiteral("Gateway")).toString()),
                orDash(e.value(QStringLiteral("MacAddress")).toString())});
    }
}

void NetworkPage::fillPorts(const QList<QVariantMap> &ports)
{
    ports_->setRowCount(int(ports.size()));
    for (int row = 0; row < ports.size(); ++row) {
        const QVariantMap &p = ports.at(row);
        const QString hostIp = p.value(QStringLiteral("HostIp")).toString();
        setRow(ports_, row,
               {hostIp.isEmpty() ? tr("every address") : hostIp,
                QString::number(p.value(QStringLiteral("HostPort")).toUInt()),
                QString::number(p.value(QStringLiteral("ContainerPort")).toUInt()),
                orDash(p.value(QStringLiteral("Protocol")).toString())});
    }
}

void NetworkPage::showError(const QDBusError &error)
{
    message_->showError(error);
}

void NetworkPage::clear()
{
    message_->clearMessage();
    mode_->setText(QStringLiteral("—"));
    addresses_->setRowCount(0);
    ports_->setRowCount(0);
}

} // namespace hako::gui
