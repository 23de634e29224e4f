// The Security tab's tmpfs table: one row per --tmpfs mount (path, mount options), rows added
// and removed with buttons; blank rows are ignored.
#pragma once

#include "editable_table.h"
#include "security_options.h"
#include "spec_builder.h"

namespace hako::gui
{

class TmpfsTable : public EditableTable
{
    Q_OBJECT
  public:
    explicit TmpfsTable(QWidget *parent = nullptr);

    // The mounts of the rows that are not blank; for one path twice, the last (as docker).
    QList<cli::TmpfsMount> mounts() const;
    // What docker refuses before the options are looked at (a relative path, "/"), one
    // problem a row, at path "mounts" with the row's path as its value.
    QList<cli::SpecProblem> ownProblems() const;
    // The first row whose path is `path`, or -1.
    int rowOf(const QString &path) const;
    void addRow(const QString &path = {}, const QString &options = {});

  private:
    QString textAt(int row, int column) const;
};

} // namespace hako::gui
