// The Resources tab's device throttles: one row per limit — which one (read or write, in
// bytes or in operations per second), the device node and the rate. Blank rows are ignored.
#pragma once

#include "editable_table.h"
#include "resource_options.h"
#include "spec_builder.h"

namespace hako::gui
{

class ThrottleTable : public EditableTable
{
    Q_OBJECT
  public:
    enum Kind { ReadBps, WriteBps, ReadIops, WriteIops };

    explicit ThrottleTable(QWidget *parent = nullptr);

    // The rows as the options' four device lists. A row that does not read as a device and
    // a rate is left out and described in `problems` (when given), with its path.
    void fillOptions(cli::ResourceOptions &options, QList<cli::SpecProblem> *problems) const;
    void setOptions(const cli::ResourceOptions &options);
    void addRow(Kind kind, const QString &device = {}, const QString &rate = {});

    // The row a problem is about, or -1: the row of that list with the device `value`, else
    // the one at the path's index ("linux.resources.blockIO.throttleReadBpsDevice[1]": the
    // second non-blank read-bps row).
    int rowOf(const QString &path, const QString &value) const;

  private:
    Kind kindAt(int row) const;
    QString textAt(int row, int column) const;
    bool isBlank(int row) const;
};

} // namespace hako::gui
