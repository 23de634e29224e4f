// The create dialog's Security tab: capabilities, the system call filter, no new privileges,
// the user namespace, a read-only root file system with its tmpfs mounts, and --privileged,
// each with what it does in plain words and a warning where a choice weakens the container's
// isolation (and so needs an administrator's approval). It fills cli::SecurityOptions: the
// spec builder and the command line are hakoctl's own.
#pragma once

#include "security_options.h"
#include "spec_builder.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QVBoxLayout;

namespace hako::gui
{

class CapabilityList;
class FieldError;
class SeccompChoice;
class TmpfsTable;

class CreateSecurityPage : public QWidget
{
    Q_OBJECT
  public:
    explicit CreateSecurityPage(QWidget *parent = nullptr);

    cli::SecurityOptions options() const;
    // What the page finds wrong itself: an unreadable profile file, a tmpfs row with a
    // relative path.
    QList<cli::SpecProblem> ownProblems() const;
    // As CreateGeneralPage::showProblems: capabilities, seccomp and tmpfs problems at their
    // fields.
    QList<cli::SpecProblem> showProblems(const QList<cli::SpecProblem> &problems);

  signals:
    void changed();
    // "Namespaces page" was clicked: host namespace sharing is chosen there.
    void namespacesPageRequested();

  private:
    QWidget *buildPrivileged();
    QWidget *buildCapabilities();
    QWidget *buildSeccomp();
    QWidget *buildProcesses();
    QWidget *buildFileSystem();
    QWidget *buildHostSharing();
    QCheckBox *addCheck(QVBoxLayout *layout, const QString &objectName, const QString &text,
                        const QString &explanation);
    void showPrivileged(bool privileged);

    QCheckBox *privileged_;
    QWidget *privilegedWarning_;
    CapabilityList *capabilities_;
    QLabel *capabilitiesOverridden_;
    FieldError *capabilitiesError_;
    SeccompChoice *seccomp_;
    QCheckBox *noNewPrivileges_;
    QCheckBox *usernsRemap_;
    QCheckBox *readOnly_;
    QCheckBox *unmaskSystemPaths_;
    TmpfsTable *tmpfs_;
    FieldError *tmpfsError_;
};

} // namespace hako::gui
