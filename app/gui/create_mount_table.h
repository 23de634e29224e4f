// The Storage tab's tables: one row per -v mount — a named volume (chosen from the helper's
// volumes or typed; empty for an anonymous one) or a host folder — with the path in the
// container and a read-only box. Rows without a path in the container are left out (and
// reported); blank rows are ignored.
#pragma once

#include "editable_table.h"
#include "mount_options.h"
#include "spec_builder.h"

namespace hako::gui
{

class MountTable : public EditableTable
{
    Q_OBJECT
  public:
    enum Column { SourceColumn, DestinationColumn, ReadOnlyColumn };

    MountTable(cli::MountKind kind, QWidget *parent = nullptr);

    cli::MountKind kind() const { return kind_; }
    QList<cli::MountRequest> mounts() const;
    // Rows with a source but no path in the container, at ownProblemPath() (not "mounts":
    // the spec builder's problems there are found by their destination).
    QList<cli::SpecProblem> ownProblems() const;
    QString ownProblemPath() const; // "storage.volumes" or "storage.binds"
    // The first row whose path in the container is `destination`, or -1.
    int rowOf(const QString &destination) const;
    void addRow(const QString &source = {}, const QString &destination = {},
                bool readOnly = false);
    // Sets the source of the current row (a new row when there is none).
    void setCurrentSource(const QString &source);
    // The volume names the source column offers (volumes only).
    void setVolumeNames(const QStringList &names);
    QStringList volumeNames() const { return volumeNames_; }

  private:
    QString textAt(int row, int column) const;

    cli::MountKind kind_;
    QStringList volumeNames_;
};

} // namespace hako::gui
