#include "network_create_dialog.h"

#include "create_field_error.h"
#include "details_common.h"
#include "error_text.h"
#include "helper_connection.h"
#include "message_bar.h"
#include "network.h"

#include <QCheckBox>
#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace hako::gui
{

NetworkCreateDialog::NetworkCreateDialog(HelperConnection *helper, QWidget *parent)
    : QDialog(parent), helper_(helper)
{
    setObjectName(QStringLiteral("networkCreateDialog"));
    setWindowTitle(tr("New network"));
    auto *form = new QFormLayout;
    name_ = new QLineEdit(this);
    name_->setObjectName(QStringLiteral("networkNameEdit"));
    name_->setPlaceholderText(tr("for example backend"));
    nameError_ = addFieldRow(form, tr("&Name:"), name_);
    subnet_ = new QLineEdit(this);
    subnet_->setObjectName(QStringLiteral("networkSubnetEdit"));
    subnet_->setPlaceholderText(tr("chosen by Hako, for example 172.18.0.0/16"));
    subnetError_ = addFieldRow(form, tr("&Subnet:"), subnet_);
    gateway_ = new QLineEdit(this);
    gateway_->setObjectName(QStringLiteral("networkGatewayEdit"));
    gateway_->setPlaceholderText(tr("the subnet's first address"));
    gatewayError_ = addFieldRow(form, tr("&Gateway:"), gateway_);
    internal_ = new QCheckBox(tr("&Internal: no way out of this computer"), this);
    internal_->setObjectName(QStringLiteral("networkInternalCheck"));
    form->addRow(QString(), internal_);
    icc_ = new QCheckBox(tr("Containers on it may &reach each other"), this);
    icc_->setObjectName(QStringLiteral("networkIccCheck"));
    icc_->setChecked(true);
    form->addRow(QString(), icc_);

    failure_ = new MessageBar(MessageBar::Kind::Error, tr("Dismiss"), this);
    failure_->setObjectName(QStringLiteral("networkCreateFailure"));
    connect(failure_, &MessageBar::buttonClicked, failure_, &QWidget::hide);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    create_ = buttons->addButton(tr("Crea&te"), QDialogButtonBox::AcceptRole);
    create_->setObjectName(QStringLiteral("networkCreateButton"));
    create_->setDefault(true);
    connect(create_, &QPushButton::clicked, this, &NetworkCreateDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(failure_);
    layout->addWidget(buttons);
    for (QLineEdit *edit : {name_, subnet_, gateway_})
        connect(edit, &QLineEdit::textChanged, this, &NetworkCreateDialog::validate);
    validate();
    resize(520, sizeHint().height());
}

QString NetworkCreateDialog::nameProblem(const QString &name)
{
    // Docker's rule for a network's name, which the helper applies too.
    static const QRegularExpression valid(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"));
    if (name.isEmpty())
        return tr("A network needs a name.");
    if (!valid.match(name).hasMatch())
        return tr("\"%1\" is not a network name: letters, digits, \"_\", \".\" and \"-\", "
                  "starting with a letter or digit")
            .arg(name);
    if (name == QLatin1String("host") || name == QLatin1String("none") ||
        name == QLatin1String("bridge"))
        return tr("\"%1\" is the name of a network Hako has built in").arg(name);
    return {};
}

QString NetworkCreateDialog::subnetProblem(const QString &subnet)
{
    if (subnet.isEmpty())
        return {};
    std::string error;
    if (!parseSubnet(subnet.toStdString(), &error))
        return QString::fromStdString(error);
    return {};
}

QString NetworkCreateDialog::gatewayProblem(const QString &gateway, const QString &subnet)
{
    if (gateway.isEmpty())
        return {};
    const auto address = parseIpv4(gateway.toStdString());
    if (!address)
        return tr("\"%1\" is not an IPv4 address (four numbers 0-255 with dots)").arg(gateway);
    if (subnet.isEmpty())
        return tr("A gateway needs a subnet to be in.");
    std::string error;
    const auto network = parseSubnet(subnet.toStdString(), &error);
    if (network && !network->contains(*address))
        return tr("%1 is not in the subnet %2").arg(gateway, subnet);
    return {};
}

void NetworkCreateDialog::validate()
{
    const QString subnet = subnet_->text().trimmed();
    // An empty name is not an error yet: nothing is said until something is typed.
    nameError_->setError(name_->text().isEmpty() ? QString() : nameProblem(name_->text()));
    subnetError_->setError(subnetProblem(subnet));
    gatewayError_->setError(gatewayProblem(gateway_->text().trimmed(), subnet));
    const bool valid = nameProblem(name_->text()).isEmpty() && !subnetError_->hasError() &&
                       !gatewayError_->hasError();
    create_->setEnabled(valid && !busy_);
}

void NetworkCreateDialog::submit()
{
    if (busy_ || !create_->isEnabled())
        return;
    busy_ = true;
    failure_->hide();
    validate();
    QVariantMap options;
    if (const QString subnet = subnet_->text().trimmed(); !subnet.isEmpty())
        options.insert(QStringLiteral("Subnet"), subnet);
    if (const QString gateway = gateway_->text().trimmed(); !gateway.isEmpty())
        options.insert(QStringLiteral("Gateway"), gateway);
    options.insert(QStringLiteral("Internal"), internal_->isChecked());
    options.insert(QStringLiteral("Icc"), icc_->isChecked());
    const QString name = name_->text();
    whenFinished(helper_, this, helper_->manager().CreateNetwork(name, options),
                 [this, name](QDBusPendingCallWatcher &w) {
                     const QDBusPendingReply<QVariantMap> reply = w;
                     busy_ = false;
                     if (reply.isError()) {
                         failure_->showMessage(tr("Could not create the network %1: %2")
                                                   .arg(name, userMessage(reply.error())));
                         validate();
                         return;
                     }
                     emit networkCreated(name);
                     accept();
                 });
}

} // namespace hako::gui
