// An error shown at its field in the create dialog: a red frame around the control and the
// message in red right under it, hidden while the field is valid. The control's accessible
// description carries the message too, so a screen reader announces it with the field.
#pragma once

#include <QLabel>

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

} // namespace hako::gui
