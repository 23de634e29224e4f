// The create dialog's General tab: name, image (from the helper's list), command and
// arguments (typed as in a shell), environment, working directory, host name, user and
// auto-remove. It fills in ContainerOptions; the rules are the spec builder's and core's.
#pragma once

#include "spec_builder.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;

namespace hako::gui
{

class EnvTable;
class FieldError;

class CreateGeneralPage : public QWidget
{
    Q_OBJECT
  public:
    // The problem paths of what the page checks itself, beside the spec's JSON paths.
    static inline const QString kNamePath = QStringLiteral("name");

    explicit CreateGeneralPage(QWidget *parent = nullptr);

    QString name() const;
    QString image() const; // never empty: busybox when nothing is chosen
    bool autoRemove() const;
    // Command, environment, working directory, host name and user.
    void fillOptions(cli::ContainerOptions &options) const;
    // What the page finds wrong itself (the name, a command that does not split), with the
    // path of the field ("name", "process.args").
    QList<cli::SpecProblem> ownProblems() const;

    void setImages(const QStringList &images);

    // Shows each problem at its field (and clears the fields without one); returns the
    // problems none of this page's fields is about.
    QList<cli::SpecProblem> showProblems(const QList<cli::SpecProblem> &problems);

  signals:
    void changed();

  private:
    QLineEdit *lineEdit(const QString &objectName, const QString &accessibleName,
                        const QString &placeholder, const QString &help);
    // The control with its error right under it, as one row of the form. `path`: the spec
    // path whose problems the error shows; empty for a field whose problems are found by row.
    FieldError *addRow(QFormLayout *form, const QString &label, QWidget *control,
                       const QString &path, QWidget *fieldWidget = nullptr);
    QStringList command(QString *error) const;

    QLineEdit *name_;
    QComboBox *image_;
    QLineEdit *command_;
    EnvTable *env_;
    QLineEdit *workdir_;
    QLineEdit *hostname_;
    QLineEdit *user_;
    QCheckBox *autoRemove_;
    FieldError *fieldFor(const cli::SpecProblem &problem, QString *prefix) const;

    QList<std::pair<QString, FieldError *>> errors_; // spec path → its field
    FieldError *envError_ = nullptr;
};

} // namespace hako::gui
