// The create dialog's Storage tab: named volumes (from the helper's list, or a new name),
// host folders bind-mounted (picked with a folder dialog; the helper asks an administrator),
// each with its path in the container and read-only; and the tmpfs mounts, which live on the
// Security tab beside the read-only root they serve (shown here, edited there).
#pragma once

#include "mount_options.h"
#include "security_options.h"
#include "spec_builder.h"

#include <QWidget>

class QLabel;

namespace hako::gui
{

class FieldError;
class MountTable;

class CreateStoragePage : public QWidget
{
    Q_OBJECT
  public:
    explicit CreateStoragePage(QWidget *parent = nullptr);

    // Volumes first, then bind mounts, as -v flags in that order.
    QList<cli::MountRequest> mounts() const;
    QList<cli::SpecProblem> ownProblems() const;
    QList<cli::SpecProblem> showProblems(const QList<cli::SpecProblem> &problems);

    void setVolumeNames(const QStringList &names);
    // The Security tab's tmpfs mounts, listed here.
    void showTmpfs(const QList<cli::TmpfsMount> &mounts);

    MountTable *volumes() const { return volumes_; }
    MountTable *binds() const { return binds_; }

    // Opens the folder dialog and puts the folder into the current bind row.
    void chooseFolder();

  signals:
    void changed();
    void securityPageRequested(); // the tmpfs mounts are edited there

  private:
    QWidget *buildVolumes();
    QWidget *buildBinds();
    QWidget *buildTmpfs();

    MountTable *volumes_ = nullptr;
    MountTable *binds_ = nullptr;
    FieldError *volumesError_ = nullptr;
    FieldError *bindsError_ = nullptr;
    QLabel *tmpfsList_ = nullptr;
};

} // namespace hako::gui
