// The Network tab's published ports: one row per port (host IP, host port, container port,
// protocol), each row the text of one -p flag ("127.0.0.1:8080:80/tcp"); blank rows are
// ignored.
#pragma once

#include "editable_table.h"

#include <QStringList>

namespace hako::gui
{

class PortTable : public EditableTable
{
    Q_OBJECT
  public:
    enum Column { HostIpColumn, HostPortColumn, ContainerPortColumn, ProtocolColumn };

    explicit PortTable(QWidget *parent = nullptr);

    // "[hostIP:]hostPort:containerPort/proto" for each row that is not blank, in order.
    QStringList entries() const;
    // The row whose entry is `entry`, or -1.
    int rowOf(const QString &entry) const;
    void addRow(const QString &hostIp = {}, const QString &hostPort = {},
                const QString &containerPort = {}, const QString &protocol = QStringLiteral("tcp"));

  private:
    QString entryAt(int row) const;
};

} // namespace hako::gui
