#include "kill_dialog.h"

#include "signals.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <csignal>

namespace hako::gui {

namespace {

struct CommonSignal {
    int number;
    const char *effect; // translated in the KillDialog context
};

const CommonSignal kCommonSignals[] = {
    {SIGKILL, QT_TRANSLATE_NOOP("hako::gui::KillDialog", "end at once, without cleaning up")},
    {SIGTERM, QT_TRANSLATE_NOOP("hako::gui::KillDialog", "ask to terminate")},
    {SIGINT, QT_TRANSLATE_NOOP("hako::gui::KillDialog", "interrupt, like Ctrl+C")},
    {SIGHUP,
     QT_TRANSLATE_NOOP("hako::gui::KillDialog", "hang up; many daemons reload their settings")},
    {SIGQUIT, QT_TRANSLATE_NOOP("hako::gui::KillDialog", "quit, with a core dump")},
    {SIGUSR1, QT_TRANSLATE_NOOP("hako::gui::KillDialog", "user-defined signal 1")},
    {SIGUSR2, QT_TRANSLATE_NOOP("hako::gui::KillDialog", "user-defined signal 2")},
};

} // namespace

KillDialog::KillDialog(const QStringList &names, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("killDialog"));
    setWindowTitle(tr("Send a signal"));
    auto *question = new QLabel(
        names.size() == 1
            ? tr("Which signal should be sent to the main process of “%1”?").arg(names.first())
            : tr("Which signal should be sent to the main processes of %1 containers?")
                  .arg(names.size()),
        this);
    question->setWordWrap(true);

    signalBox_ = new QComboBox(this);
    signalBox_->setObjectName(QStringLiteral("signalChooser"));
    signalBox_->setEditable(true);
    signalBox_->setInsertPolicy(QComboBox::NoInsert);
    for (const CommonSignal &common : kCommonSignals)
        signalBox_->addItem(QStringLiteral("SIG%1 (%2) — %3")
                                .arg(cli::signalName(common.number))
                                .arg(common.number)
                                .arg(tr(common.effect)),
                            common.number);
    signalBox_->setAccessibleName(tr("Signal"));
    signalBox_->setToolTip(tr("Pick a signal, or type a name or number (USR1, SIGRTMIN+3, 10)."));
    question->setBuddy(signalBox_);

    problem_ = new QLabel(this);
    problem_->setObjectName(QStringLiteral("signalProblem"));
    problem_->setWordWrap(true);
    problem_->setVisible(false);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons_->addButton(tr("Send"), QDialogButtonBox::AcceptRole);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(signalBox_, &QComboBox::editTextChanged, this, &KillDialog::validate);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(question);
    layout->addWidget(signalBox_);
    layout->addWidget(problem_);
    layout->addWidget(buttons_);
    validate();
}

std::optional<int> KillDialog::chosenSignal() const
{
    const QString text = signalBox_->currentText().trimmed();
    const int index = signalBox_->findText(text);
    if (index >= 0)
        return signalBox_->itemData(index).toInt();
    // Typed by hand: the name or number alone ("USR1", "SIGUSR1", "10").
    return cli::parseSignal(text.section(QLatin1Char(' '), 0, 0));
}

void KillDialog::validate()
{
    const bool valid = chosenSignal().has_value();
    problem_->setText(valid ? QString()
                            : tr("“%1” is not a signal. Use a name such as TERM or USR1, or a "
                                 "number from 1 to 64.")
                                  .arg(signalBox_->currentText().trimmed()));
    problem_->setVisible(!valid);
    for (QAbstractButton *button : buttons_->buttons())
        if (buttons_->buttonRole(button) == QDialogButtonBox::AcceptRole)
            button->setEnabled(valid);
}

} // namespace hako::gui
