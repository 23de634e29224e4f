#include "create_security_page.h"

#include "create_capability_list.h"
#include "create_field_error.h"
#include "create_page_layout.h"
#include "create_seccomp_choice.h"
#include "create_tmpfs_table.h"
#include "create_warning_note.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

const QString kCapabilitiesPath = QStringLiteral("process.capabilities");
const QString kMountsPath = QStringLiteral("mounts");

bool isUnder(const QString &path, const QString &field)
{
    return path == field || path.startsWith(field + QLatin1Char('.')) ||
           path.startsWith(field + QLatin1Char('['));
}

QGroupBox *groupBox(const QString &objectName, const QString &title, QWidget *parent,
                    QVBoxLayout **layout)
{
    auto *box = new QGroupBox(title, parent);
    box->setObjectName(objectName);
    *layout = new QVBoxLayout(box);
    return box;
}

} // namespace

CreateSecurityPage::CreateSecurityPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("securityPage"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(wrappedLabel(
        tr("What the container's processes may do to the kernel and the host. The defaults are "
           "Docker's; choices marked with a warning weaken the isolation, and creating such a "
           "container needs an administrator's approval."),
        content));
    layout->addWidget(buildPrivileged());
    layout->addWidget(buildCapabilities());
    layout->addWidget(buildSeccomp());
    layout->addWidget(buildProcesses());
    layout->addWidget(buildFileSystem());
    layout->addWidget(buildHostSharing());
    layout->addStretch();
    setScrollingContent(this, content);
    showPrivileged(false);
}

QCheckBox *CreateSecurityPage::addCheck(QVBoxLayout *layout, const QString &objectName,
                                        const QString &text, const QString &explanation)
{
    auto *check = new QCheckBox(text, layout->parentWidget());
    check->setObjectName(objectName);
    check->setAccessibleDescription(explanation);
    connect(check, &QCheckBox::toggled, this, &CreateSecurityPage::changed);
    layout->addWidget(check);
    QLabel *label = wrappedLabel(explanation, layout->parentWidget());
    label->setObjectName(objectName + QStringLiteral("Explanation"));
    // Under the check box's text, not its box.
    label->setContentsMargins(style()->pixelMetric(QStyle::PM_IndicatorWidth) +
                                  style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing),
                              0, 0, 0);
    layout->addWidget(label);
    return check;
}

QWidget *CreateSecurityPage::buildPrivileged()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box =
        groupBox(QStringLiteral("privilegedBox"), tr("Privileged mode"), this, &layout);
    privileged_ = addCheck(layout, QStringLiteral("privilegedCheck"),
                           tr("Privileged &container (--privileged)"),
                           tr("Turns off nearly all of the container's isolation. Only for "
                              "containers that must manage the host, such as a container that "
                              "runs containers or loads drivers."));
    privilegedWarning_ = warningNote(
        QStringLiteral("privilegedWarning"),
        tr("A privileged container gets every capability, no system call filter, every device of "
           "the host, a writable /sys and /proc, and nothing masked: a process in it can take "
           "over the host. Creating it needs an administrator's approval."),
        box);
    layout->addWidget(privilegedWarning_);
    connect(privileged_, &QCheckBox::toggled, this, &CreateSecurityPage::showPrivileged);
    return box;
}

QWidget *CreateSecurityPage::buildCapabilities()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box = groupBox(QStringLiteral("capabilitiesBox"), tr("Capabilities"), this, &layout);
    layout->addWidget(wrappedLabel(
        tr("Root's powers, split into parts. A checked capability is the container's; Docker's 14 "
           "defaults let ordinary programs run as root in it. Uncheck what the program does not "
           "need. (--cap-add, --cap-drop)"),
        box));
    capabilitiesOverridden_ = wrappedLabel(
        tr("A privileged container gets every capability: this list does not apply."), box);
    capabilitiesOverridden_->setObjectName(QStringLiteral("capabilitiesOverriddenNote"));
    layout->addWidget(capabilitiesOverridden_);
    capabilities_ = new CapabilityList(box);
    connect(capabilities_, &CapabilityList::changed, this, &CreateSecurityPage::changed);
    layout->addWidget(capabilities_);
    capabilitiesError_ = new FieldError(capabilities_->tree(), box);
    layout->addWidget(capabilitiesError_);
    return box;
}

QWidget *CreateSecurityPage::buildSeccomp()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box =
        groupBox(QStringLiteral("seccompBox"), tr("System call filter (seccomp)"), this, &layout);
    layout->addWidget(wrappedLabel(
        tr("Which kernel functions the container's processes may call. (--security-opt "
           "seccomp=…)"),
        box));
    seccomp_ = new SeccompChoice(box);
    seccomp_->setObjectName(QStringLiteral("seccompChoice"));
    connect(seccomp_, &SeccompChoice::changed, this, &CreateSecurityPage::changed);
    layout->addWidget(seccomp_);
    return box;
}

QWidget *CreateSecurityPage::buildProcesses()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box =
        groupBox(QStringLiteral("processesBox"), tr("Users and privileges"), this, &layout);
    noNewPrivileges_ = addCheck(
        layout, QStringLiteral("noNewPrivilegesCheck"), tr("&No new privileges"),
        tr("Programs cannot gain rights they were not started with: set-user-ID programs such "
           "as su and sudo, and file capabilities, give nothing. (--security-opt "
           "no-new-privileges)"));
    usernsRemap_ = addCheck(
        layout, QStringLiteral("usernsRemapCheck"),
        tr("Map root to an unprivileged &host range (--userns=remap)"),
        tr("The container gets its own user namespace: its root and other users are unprivileged "
           "IDs on the host (the subordinate IDs of the host user “hako” in /etc/subuid and "
           "/etc/subgid), so a process that breaks out has no rights on the host."));
    QLabel *user = wrappedLabel(
        tr("The user the command runs as is chosen on the General page (Run as user)."), box);
    user->setObjectName(QStringLiteral("securityUserNote"));
    layout->addWidget(user);
    return box;
}

QWidget *CreateSecurityPage::buildFileSystem()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box = groupBox(QStringLiteral("fileSystemBox"), tr("File system"), this, &layout);
    readOnly_ = addCheck(
        layout, QStringLiteral("readOnlyCheck"), tr("Read-&only root file system (--read-only)"),
        tr("Nothing in the image can be changed: a program that is broken into cannot replace "
           "files. It can still write to the tmpfs mounts below and to volumes."));
    unmaskSystemPaths_ = addCheck(
        layout, QStringLiteral("unmaskSystemPathsCheck"),
        tr("Unmas&k kernel files in /proc and /sys (--security-opt systempaths=unconfined)"),
        tr("Shows the container the kernel files Docker hides or makes read-only, such as "
           "/proc/kcore and /proc/sys. Needs an administrator's approval."));
    tmpfs_ = new TmpfsTable(box);
    connect(tmpfs_, &TmpfsTable::changed, this, &CreateSecurityPage::changed);
    auto *tmpfsLabel = new QLabel(tr("&Writable tmpfs mounts (--tmpfs):"), box);
    tmpfsLabel->setBuddy(tmpfs_->table());
    layout->addWidget(tmpfsLabel);
    layout->addWidget(wrappedLabel(
        tr("Directories in memory, empty at every start and gone at the stop: where a read-only "
           "container writes its temporary files (/tmp, /run). Options as for mount: size=64m, "
           "exec …"),
        box));
    layout->addWidget(tmpfs_);
    tmpfsError_ = new FieldError(tmpfs_->table(), box);
    layout->addWidget(tmpfsError_);
    return box;
}

QWidget *CreateSecurityPage::buildHostSharing()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    QLabel *note = wrappedLabel(
        tr("Sharing the host's process, network or other namespaces is chosen on the Namespaces "
           "page."),
        row);
    auto *open = new QPushButton(tr("Open the Namespaces page"), row);
    open->setObjectName(QStringLiteral("openNamespacesButton"));
    connect(open, &QPushButton::clicked, this, &CreateSecurityPage::namespacesPageRequested);
    layout->addWidget(note, 1);
    layout->addWidget(open, 0, Qt::AlignVCenter);
    return row;
}

void CreateSecurityPage::showPrivileged(bool privileged)
{
    privilegedWarning_->setVisible(privileged);
    capabilitiesOverridden_->setVisible(privileged);
    capabilities_->setEnabled(!privileged);
    seccomp_->setOverridden(privileged);
    unmaskSystemPaths_->setEnabled(!privileged); // all of it is unmasked already
}

cli::SecurityOptions CreateSecurityPage::options() const
{
    cli::SecurityOptions o;
    o.privileged = privileged_->isChecked();
    // --privileged overrides the capabilities, the filter and the masked paths: they are left
    // out of the options (and the command line) rather than shown as if they applied.
    if (!o.privileged) {
        capabilities_->fillOptions(o);
        seccomp_->fillOptions(o);
        o.unmaskSystemPaths = unmaskSystemPaths_->isChecked();
    }
    o.noNewPrivileges = noNewPrivileges_->isChecked();
    o.usernsRemap = usernsRemap_->isChecked();
    o.readOnly = readOnly_->isChecked();
    o.tmpfs = tmpfs_->mounts();
    return o;
}

QList<cli::SpecProblem> CreateSecurityPage::ownProblems() const
{
    QList<cli::SpecProblem> problems = tmpfs_->ownProblems();
    if (!privileged_->isChecked())
        problems += seccomp_->ownProblems();
    return problems;
}

QList<cli::SpecProblem> CreateSecurityPage::showProblems(const QList<cli::SpecProblem> &problems)
{
    const QList<cli::SpecProblem> notSeccomp = seccomp_->showProblems(problems);
    return showProblemsAt(notSeccomp,
                          [this](const cli::SpecProblem &problem, QString *prefix) -> FieldError * {
                              if (isUnder(problem.path, kCapabilitiesPath))
                                  return capabilitiesError_;
                              // A tmpfs row's problem names its path as the value; other mounts are
                              // not ours.
                              if (problem.path == kMountsPath) {
                                  const int row = tmpfs_->rowOf(problem.value);
                                  if (row < 0)
                                      return nullptr;
                                  *prefix = tr("Row %1: ").arg(row + 1);
                                  return tmpfsError_;
                              }
                              return nullptr;
                          },
                          {capabilitiesError_, tmpfsError_});
}

} // namespace hako::gui
