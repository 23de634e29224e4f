// The Security tab's system call filter: Hako's default seccomp profile, none at all, or a
// profile file in Docker's format. The file is read as soon as it is named (the client reads
// it, as docker's CLI does) and checked by the spec builder with the container's final
// capabilities; its problems, with their JSON paths inside the file, show at the field.
#pragma once

#include "security_options.h"
#include "spec_builder.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace hako::gui
{

class FieldError;

class SeccompChoice : public QWidget
{
    Q_OBJECT
  public:
    explicit SeccompChoice(QWidget *parent = nullptr);

    void fillOptions(cli::SecurityOptions &options) const;
    // A profile chosen but not named, or a file that cannot be read ("linux.seccomp").
    QList<cli::SpecProblem> ownProblems() const;
    // Every "linux.seccomp…" problem at the profile's field; the others are returned.
    QList<cli::SpecProblem> showProblems(const QList<cli::SpecProblem> &problems);
    // --privileged: no filter whatever is chosen here, which says so and takes no input.
    void setOverridden(bool overridden);

  signals:
    void changed();

  private:
    QRadioButton *radio(const QString &objectName, const QString &text);
    QWidget *buildProfileRow();
    void readProfile();
    void browse();
    void updateControls();
    static bool isSeccompProblem(const cli::SpecProblem &problem);

    QRadioButton *default_;
    QRadioButton *unconfined_;
    QRadioButton *profile_;
    QLineEdit *path_;
    QPushButton *browse_;
    FieldError *error_;
    QWidget *unconfinedWarning_;
    QLabel *overriddenNote_;
    QByteArray profileText_;
    QString readError_; // why the named file could not be read
    bool overridden_ = false;
};

} // namespace hako::gui
