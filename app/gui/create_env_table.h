// The create dialog's environment table: one row per variable (name, value), rows added and
// removed with buttons; blank rows are ignored.
#pragma once

#include "editable_table.h"

#include <QStringList>

namespace hako::gui
{

class EnvTable : public EditableTable
{
    Q_OBJECT
  public:
    explicit EnvTable(QWidget *parent = nullptr);

    // KEY=VALUE for each row that is not blank, in the table's order.
    QStringList entries() const;
    // The row whose KEY=VALUE is `entry`, or -1.
    int rowOf(const QString &entry) const;
    void addRow(const QString &name = {}, const QString &value = {});

  private:
    QString entryAt(int row) const;
};

} // namespace hako::gui
