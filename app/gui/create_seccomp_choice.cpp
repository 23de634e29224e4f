#include "create_seccomp_choice.h"

#include "create_field_error.h"
#include "create_page_layout.h"
#include "create_warning_note.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

const QString kSeccompPath = QStringLiteral("linux.seccomp");

} // namespace

SeccompChoice::SeccompChoice(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    overriddenNote_ = wrappedLabel(
        tr("A privileged container runs without a system call filter: the choice below does "
           "not apply."),
        this);
    overriddenNote_->setObjectName(QStringLiteral("seccompOverriddenNote"));
    overriddenNote_->hide();
    layout->addWidget(overriddenNote_);

    default_ = radio(QStringLiteral("seccompDefaultRadio"), tr("Def&ault profile"));
    default_->setToolTip(tr("Docker's default filter: the rarely used and dangerous system calls "
                            "(mount, reboot, kexec_load, bpf …) fail, unless a capability "
                            "the container has allows them."));
    layout->addWidget(default_);

    unconfined_ = radio(QStringLiteral("seccompUnconfinedRadio"), tr("&Unconfined (no filter)"));
    layout->addWidget(unconfined_);
    unconfinedWarning_ = warningNote(
        QStringLiteral("seccompUnconfinedWarning"),
        tr("Every system call reaches the kernel, including those most kernel exploits go "
           "through. Creating the container needs an administrator's approval."),
        this);
    layout->addWidget(unconfinedWarning_);

    profile_ = radio(QStringLiteral("seccompProfileRadio"), tr("Custom profile f&ile:"));
    profile_->setToolTip(tr("A seccomp profile in Docker's JSON format. A profile that allows "
                            "every system call it does not list needs an administrator's "
                            "approval."));
    layout->addWidget(profile_);
    layout->addWidget(buildProfileRow());
    {
        const QSignalBlocker quiet(default_); // the rest is built only now
        default_->setChecked(true);
    }
    updateControls();
}

QRadioButton *SeccompChoice::radio(const QString &objectName, const QString &text)
{
    auto *button = new QRadioButton(text, this);
    button->setObjectName(objectName);
    connect(button, &QRadioButton::toggled, this, [this](bool on) {
        if (!on)
            return; // the one turned on reports the change
        updateControls();
        emit changed();
    });
    return button;
}

QWidget *SeccompChoice::buildProfileRow()
{
    auto *field = new QWidget(this);
    path_ = new QLineEdit(field);
    path_->setObjectName(QStringLiteral("seccompProfileEdit"));
    path_->setAccessibleName(tr("Seccomp profile file"));
    path_->setPlaceholderText(tr("/path/to/profile.json"));
    connect(path_, &QLineEdit::textChanged, this, [this] {
        readProfile();
        emit changed();
    });
    browse_ = new QPushButton(tr("&Browse…"), field);
    browse_->setObjectName(QStringLiteral("seccompBrowseButton"));
    browse_->setAccessibleName(tr("Choose a seccomp profile file"));
    connect(browse_, &QPushButton::clicked, this, &SeccompChoice::browse);
    error_ = new FieldError(path_, field);

    auto *line = new QHBoxLayout;
    line->addWidget(path_, 1);
    line->addWidget(browse_);
    auto *column = new QVBoxLayout(field);
    // Indented under its radio button, as the radio's own field.
    column->setContentsMargins(style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) * 2, 0, 0,
                               0);
    column->setSpacing(2);
    column->addLayout(line);
    column->addWidget(error_);
    return field;
}

void SeccompChoice::browse()
{
    const QString start = path_->text().isEmpty() ? QString() : QFileInfo(path_->text()).path();
    const QString chosen = QFileDialog::getOpenFileName(
        this, tr("Seccomp profile"), start, tr("Seccomp profiles (*.json);;All files (*)"));
    if (chosen.isEmpty())
        return;
    profile_->setChecked(true);
    path_->setText(chosen);
}

// The file is read once, when it is named: the dialog rebuilds the spec at every keystroke
// of every field, which should not read a file each time.
void SeccompChoice::readProfile()
{
    profileText_.clear();
    readError_.clear();
    const QString path = path_->text().trimmed();
    if (path.isEmpty())
        return;
    if (const auto text = cli::readSeccompProfile(path, &readError_))
        profileText_ = *text;
}

void SeccompChoice::updateControls()
{
    for (QWidget *control : std::initializer_list<QWidget *>{default_, unconfined_, profile_})
        control->setEnabled(!overridden_);
    const bool custom = profile_->isChecked() && !overridden_;
    path_->setEnabled(custom);
    browse_->setEnabled(custom);
    unconfinedWarning_->setVisible(unconfined_->isChecked() && !overridden_);
    overriddenNote_->setVisible(overridden_);
}

void SeccompChoice::setOverridden(bool overridden)
{
    overridden_ = overridden;
    updateControls();
}

void SeccompChoice::fillOptions(cli::SecurityOptions &options) const
{
    if (unconfined_->isChecked()) {
        options.seccomp = cli::SeccompChoice::Unconfined;
    } else if (profile_->isChecked()) {
        options.seccomp = cli::SeccompChoice::Profile;
        options.seccompProfilePath = path_->text().trimmed();
        options.seccompProfile = profileText_;
    }
}

QList<cli::SpecProblem> SeccompChoice::ownProblems() const
{
    if (!profile_->isChecked())
        return {};
    if (path_->text().trimmed().isEmpty())
        return {{kSeccompPath, tr("Choose a seccomp profile file, or another choice."), {}}};
    if (!readError_.isEmpty())
        return {{kSeccompPath, readError_, {}}};
    return {};
}

bool SeccompChoice::isSeccompProblem(const cli::SpecProblem &problem)
{
    return problem.path == kSeccompPath || problem.path.startsWith(kSeccompPath + QLatin1Char('.'));
}

QList<cli::SpecProblem> SeccompChoice::showProblems(const QList<cli::SpecProblem> &problems)
{
    QList<cli::SpecProblem> shown = problems;
    // A file that was not read has no contents to find fault with: its own problem says why,
    // and what the builder says of the empty text it got instead is left out.
    QStringList own;
    for (const cli::SpecProblem &problem : ownProblems())
        own.append(problem.message);
    if (!own.isEmpty())
        shown.removeIf([&](const cli::SpecProblem &problem) {
            return isSeccompProblem(problem) && !own.contains(problem.message);
        });
    return showProblemsAt(shown,
                          [this](const cli::SpecProblem &problem, QString *) {
                              return isSeccompProblem(problem) ? error_ : nullptr;
                          },
                          {error_});
}

} // namespace hako::gui
