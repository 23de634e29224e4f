#include "create_storage_page.h"

#include "create_field_error.h"
#include "create_mount_table.h"
#include "create_page_layout.h"
#include "create_warning_note.h"

#include <QFileDialog>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

QGroupBox *group(const QString &name, const QString &title, QWidget *parent, QVBoxLayout **layout)
{
    auto *box = new QGroupBox(title, parent);
    box->setObjectName(name);
    *layout = new QVBoxLayout(box);
    return box;
}

} // namespace

CreateStoragePage::CreateStoragePage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("storagePage"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(wrappedLabel(
        tr("What the container keeps beyond its own writable layer, which is gone when it is "
           "removed: volumes Hako manages, folders of this computer, and directories in memory."),
        content));
    layout->addWidget(buildVolumes());
    layout->addWidget(buildBinds());
    layout->addWidget(buildTmpfs());
    layout->addStretch(1);
    setScrollingContent(this, content);
}

QWidget *CreateStoragePage::buildVolumes()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box = group(QStringLiteral("volumesBox"), tr("Volumes (-v NAME:PATH)"), this, &layout);
    volumes_ = new MountTable(cli::MountKind::Volume, box);
    connect(volumes_, &MountTable::changed, this, &CreateStoragePage::changed);
    layout->addWidget(wrappedLabel(
        tr("A volume is a directory Hako keeps under its state folder: it outlives the "
           "container and several containers can share it. Choose one of the existing volumes "
           "or type a new name; leave the name empty for an anonymous volume."),
        box));
    layout->addWidget(volumes_);
    volumesError_ = new FieldError(volumes_->table(), box);
    layout->addWidget(volumesError_);
    return box;
}

QWidget *CreateStoragePage::buildBinds()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box =
        group(QStringLiteral("bindsBox"), tr("Bind mounts (-v /HOST/PATH:PATH)"), this, &layout);
    binds_ = new MountTable(cli::MountKind::Bind, box);
    connect(binds_, &MountTable::changed, this, &CreateStoragePage::changed);
    layout->addWidget(warningNote(
        QStringLiteral("bindsNote"),
        tr("A bind mount shows a folder of this computer inside the container, which can change "
           "it unless it is read-only. It needs an administrator's approval when the container "
           "is created."),
        box));
    layout->addWidget(binds_);
    auto *choose = new QPushButton(tr("C&hoose Folder…"), box);
    choose->setObjectName(QStringLiteral("bindChooseFolder"));
    choose->setToolTip(tr("Pick the host folder of the selected row (or of a new row)"));
    connect(choose, &QPushButton::clicked, this, &CreateStoragePage::chooseFolder);
    auto *row = new QHBoxLayout;
    row->addWidget(choose);
    row->addStretch(1);
    layout->addLayout(row);
    bindsError_ = new FieldError(binds_->table(), box);
    layout->addWidget(bindsError_);
    return box;
}

QWidget *CreateStoragePage::buildTmpfs()
{
    QVBoxLayout *layout = nullptr;
    QGroupBox *box = group(QStringLiteral("storageTmpfsBox"), tr("Tmpfs mounts (--tmpfs)"), this,
                           &layout);
    layout->addWidget(wrappedLabel(
        tr("Directories in memory, empty at each start. They are set on the Security tab, beside "
           "the read-only root file system they are mostly for."),
        box));
    tmpfsList_ = new QLabel(box);
    tmpfsList_->setObjectName(QStringLiteral("storageTmpfsList"));
    tmpfsList_->setWordWrap(true);
    tmpfsList_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(tmpfsList_);
    auto *edit = new QPushButton(tr("Edit on the &Security Tab"), box);
    edit->setObjectName(QStringLiteral("storageEditTmpfs"));
    connect(edit, &QPushButton::clicked, this, &CreateStoragePage::securityPageRequested);
    auto *row = new QHBoxLayout;
    row->addWidget(edit);
    row->addStretch(1);
    layout->addLayout(row);
    showTmpfs({});
    return box;
}

void CreateStoragePage::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Choose a host folder"));
    if (!path.isEmpty())
        binds_->setCurrentSource(path);
}

QList<cli::MountRequest> CreateStoragePage::mounts() const
{
    return volumes_->mounts() + binds_->mounts();
}

QList<cli::SpecProblem> CreateStoragePage::ownProblems() const
{
    QList<cli::SpecProblem> problems = volumes_->ownProblems() + binds_->ownProblems();
    // docker's own refusal, before anything is sent: one path, one mount.
    QStringList seen;
    for (const cli::MountRequest &mount : mounts()) {
        if (seen.contains(mount.destination))
            problems.append({QStringLiteral("mounts"),
                             tr("Duplicate mount point: %1").arg(mount.destination),
                             mount.destination});
        seen.append(mount.destination);
    }
    return problems;
}

QList<cli::SpecProblem> CreateStoragePage::showProblems(const QList<cli::SpecProblem> &problems)
{
    return showProblemsAt(
        problems,
        [this](const cli::SpecProblem &problem, QString *prefix) -> FieldError * {
            if (problem.path == volumes_->ownProblemPath())
                return volumesError_;
            if (problem.path == binds_->ownProblemPath())
                return bindsError_;
            if (problem.path != QLatin1String("mounts"))
                return nullptr;
            for (auto [table, error] : {std::pair{volumes_, volumesError_},
                                        std::pair{binds_, bindsError_}}) {
                const int row = table->rowOf(problem.value);
                if (row >= 0) {
                    *prefix = tr("Row %1: ").arg(row + 1);
                    return error;
                }
            }
            return nullptr;
        },
        {volumesError_, bindsError_});
}

void CreateStoragePage::setVolumeNames(const QStringList &names)
{
    volumes_->setVolumeNames(names);
}

void CreateStoragePage::showTmpfs(const QList<cli::TmpfsMount> &mounts)
{
    QStringList lines;
    for (const cli::TmpfsMount &mount : mounts)
        lines << (mount.options.isEmpty() ? mount.path : mount.path + QStringLiteral(" (") +
                                                             mount.options + QLatin1Char(')'));
    tmpfsList_->setText(lines.isEmpty() ? tr("None.") : lines.join(QLatin1Char('\n')));
}

} // namespace hako::gui
