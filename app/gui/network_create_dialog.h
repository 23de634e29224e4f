// docker network create in a dialog: the name, an optional subnet and gateway (checked as they
// are typed, the error at the field), internal (no way out) and whether containers on it may
// reach each other. CreateNetwork's error stays in the dialog, in plain words.
#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace hako::gui
{

class FieldError;
class HelperConnection;
class MessageBar;

class NetworkCreateDialog : public QDialog
{
    Q_OBJECT
  public:
    explicit NetworkCreateDialog(HelperConnection *helper, QWidget *parent = nullptr);

    // Why each field's text is refused (empty when it is fine), with the rules the helper has.
    static QString nameProblem(const QString &name);
    static QString subnetProblem(const QString &subnet);
    static QString gatewayProblem(const QString &gateway, const QString &subnet);

  signals:
    // After CreateNetwork succeeded: the new network's name.
    void networkCreated(const QString &name);

  private:
    void validate();
    void submit();

    HelperConnection *helper_;
    QLineEdit *name_;
    QLineEdit *subnet_;
    QLineEdit *gateway_;
    QCheckBox *internal_;
    QCheckBox *icc_;
    FieldError *nameError_;
    FieldError *subnetError_;
    FieldError *gatewayError_;
    MessageBar *failure_;
    QPushButton *create_;
    bool busy_ = false;
};

} // namespace hako::gui
