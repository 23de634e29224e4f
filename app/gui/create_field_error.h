// An error shown at its field in the create dialog: a red frame around the control and the
// message in red right under it, hidden while the field is valid. The control's accessible
// description carries the message too, so a screen reader announces it with the field.
#pragma once

#include "spec_builder.h"

#include <QLabel>

#include <functional>

class QFormLayout;

namespace hako::gui
{

class FieldError : public QLabel
{
    Q_OBJECT
  public:
    // Named after the control ("<control's objectName>Error"), which must be named first.
    FieldError(QWidget *control, QWidget *parent);

    void setError(const QString &message); // empty: the field is valid
    bool hasError() const { return !text().isEmpty(); }
    QWidget *control() const { return control_; }

  protected:
    void changeEvent(QEvent *event) override;

  private:
    void applyLook();

    QWidget *control_;
};

// Adds a row to `form`: `label`, then `fieldWidget` (the control alone when null) with the
// control's error under it. The label is the control's buddy, so its shortcut focuses it.
FieldError *addFieldRow(QFormLayout *form, const QString &label, QWidget *control,
                        QWidget *fieldWidget = nullptr);

// The field a problem is shown at, or null; `prefix` goes before its message ("Row 2: ").
using FieldFinder = std::function<FieldError *(const cli::SpecProblem &problem, QString *prefix)>;

// Shows each problem at the field `fieldFor` finds (a message once per field) and clears every
// other one of `fields`. Returns the problems no field shows, for the caller to show elsewhere.
QList<cli::SpecProblem> showProblemsAt(const QList<cli::SpecProblem> &problems,
                                       const FieldFinder &fieldFor,
                                       const QList<FieldError *> &fields);

} // namespace hako::gui
