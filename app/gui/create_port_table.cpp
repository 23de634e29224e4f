#include "create_port_table.h"

#include <QComboBox>
#include <QHeaderView>
#include <QTableWidget>

namespace hako::gui
{

PortTable::PortTable(QWidget *parent) : EditableTable(4, parent)
{
    table()->setObjectName(QStringLiteral("portTable"));
    table()->setAccessibleName(tr("Published ports"));
    table()->setHorizontalHeaderLabels(
        {tr("Host IP"), tr("Host port"), tr("Container port"), tr("Protocol")});
    QHeaderView *header = table()->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Stretch);
    header->setSectionResizeMode(ProtocolColumn, QHeaderView::ResizeToContents);
    // A few rows show at once; more scroll, so the fields under the table stay in view.
    table()->setMinimumHeight(110);
    table()->setMaximumHeight(170);
    addButtons(
        {.objectPrefix = QStringLiteral("port"),
         .add = tr("&Add port"),
         .addName = tr("Publish a port of the container"),
         .remove = tr("Remo&ve"),
         .removeName = tr("Remove the selected published ports")},
        [this] { addRow(); }, HostPortColumn);
}

void PortTable::addRow(const QString &hostIp, const QString &hostPort, const QString &containerPort,
                       const QString &protocol)
{
    const QSignalBlocker quiet(table()); // one change for the whole row
    const int row = table()->rowCount();
    table()->insertRow(row);
    table()->setItem(row, HostIpColumn, new QTableWidgetItem(hostIp));
    table()->setItem(row, HostPortColumn, new QTableWidgetItem(hostPort));
    table()->setItem(row, ContainerPortColumn, new QTableWidgetItem(containerPort));
    // The protocol is a choice, not text: a combo in the cell (its item stays empty).
    table()->setItem(row, ProtocolColumn, new QTableWidgetItem);
    auto *protocolBox = new QComboBox(table());
    protocolBox->setAccessibleName(tr("Protocol"));
    protocolBox->addItem(QStringLiteral("tcp"));
    protocolBox->addItem(QStringLiteral("udp"));
    protocolBox->setCurrentText(protocol);
    connect(protocolBox, &QComboBox::currentIndexChanged, this, &EditableTable::changed);
    table()->setCellWidget(row, ProtocolColumn, protocolBox);
    emit changed();
}

QString PortTable::entryAt(int row) const
{
    const auto text = [&](int column) {
        const QTableWidgetItem *item = table()->item(row, column);
        return item ? item->text().trimmed() : QString();
    };
    const QString hostIp = text(HostIpColumn);
    const QString hostPort = text(HostPortColumn);
    const QString containerPort = text(ContainerPortColumn);
    if (hostIp.isEmpty() && hostPort.isEmpty() && containerPort.isEmpty())
        return QString();
    const auto *protocolBox = qobject_cast<QComboBox *>(table()->cellWidget(row, ProtocolColumn));
    const QString protocol = protocolBox ? protocolBox->currentText() : QStringLiteral("tcp");
    QString entry = hostPort + QLatin1Char(':') + containerPort + QLatin1Char('/') + protocol;
    return hostIp.isEmpty() ? entry : hostIp + QLatin1Char(':') + entry;
}

QStringList PortTable::entries() const
{
    QStringList out;
    for (int row = 0; row < table()->rowCount(); ++row)
        if (const QString entry = entryAt(row); !entry.isEmpty())
            out.append(entry);
    return out;
}

int PortTable::rowOf(const QString &entry) const
{
    for (int row = 0; row < table()->rowCount(); ++row)
        if (entryAt(row) == entry)
            return row;
    return -1;
}

} // namespace hako::gui
