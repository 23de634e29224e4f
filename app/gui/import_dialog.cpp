#include "import_dialog.h"

#include "create_field_error.h"
#include "helper_connection.h"
#include "image_text.h"
#include "pull_dialog.h"

#include <QDBusUnixFileDescriptor>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace hako::gui {

ImportDialog::ImportDialog(HelperConnection *helper, QWidget *parent)
    : QDialog(parent), helper_(helper), job_(new ImageJob(helper, this))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import an image"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    auto *fileRow = new QWidget(this);
    auto *fileLayout = new QHBoxLayout(fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    file_ = new QLineEdit(fileRow);
    file_->setObjectName(QStringLiteral("importFile"));
    file_->setAccessibleName(tr("Archive file"));
    file_->setPlaceholderText(tr("a .tar, .tar.gz or .tar.zst file"));
    auto *browse = new QPushButton(tr("&Browse…"), fileRow);
    browse->setObjectName(QStringLiteral("importBrowse"));
    browse->setToolTip(tr("Choose the archive in a file dialog"));
    fileLayout->addWidget(file_, 1);
    fileLayout->addWidget(browse);
    fileError_ = addFieldRow(form, tr("&File:"), file_, fileRow);

    rootfs_ = new QRadioButton(tr("A root &filesystem tarball (docker import)"), this);
    rootfs_->setObjectName(QStringLiteral("importRootfs"));
    rootfs_->setToolTip(tr("A tar of a whole file tree, such as hakoctl export writes: it "
                           "becomes an image of one layer."));
    archive_ = new QRadioButton(tr("An image &archive: docker save or OCI layout (docker load)"),
                                this);
    archive_->setObjectName(QStringLiteral("importArchive"));
    archive_->setToolTip(tr("A tar written by docker save, hakoctl save or skopeo: its images "
                            "keep their layers, configuration and tags."));
    rootfs_->setChecked(true);
    auto *kinds = new QVBoxLayout;
    kinds->addWidget(rootfs_);
    kinds->addWidget(archive_);
    form->addRow(tr("Kind:"), kinds);

    tag_ = new QLineEdit(this);
    tag_->setObjectName(QStringLiteral("importTag"));
    tag_->setAccessibleName(tr("Tag"));
    tag_->setPlaceholderText(tr("optional, such as myimage:1.0"));
    tag_->setToolTip(tr("The name the imported root filesystem gets; an archive keeps its own."));
    tagError_ = addFieldRow(form, tr("&Tag:"), tag_);

    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("importProgress"));
    progress_->setAccessibleName(tr("Import progress"));
    progress_->hide();
    result_ = new QLabel(this);
    result_->setObjectName(QStringLiteral("importResult"));
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    result_->hide();

    auto *buttons = new QDialogButtonBox(this);
    import_ = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    import_->setObjectName(QStringLiteral("importButton"));
    import_->setDefault(true);
    cancel_ = buttons->addButton(tr("&Cancel Import"), QDialogButtonBox::ActionRole);
    cancel_->setObjectName(QStringLiteral("importCancelButton"));
    close_ = buttons->addButton(QDialogButtonBox::Close);
    connect(import_, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(cancel_, &QPushButton::clicked, job_, &ImageJob::cancel);
    connect(close_, &QPushButton::clicked, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ImportDialog::browse);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(progress_);
    layout->addWidget(result_);
    layout->addStretch(1);
    layout->addWidget(buttons);

    for (QLineEdit *edit : {file_, tag_})
        connect(edit, &QLineEdit::textChanged, this, &ImportDialog::validate);
    connect(rootfs_, &QRadioButton::toggled, this, &ImportDialog::validate);
    connect(job_, &ImageJob::progress, this, &ImportDialog::showProgress);
    connect(job_, &ImageJob::finished, this,
            [this](bool ok, const QVariantMap &result, const QString &, const QString &message) {
                jobFinished(ok, result, message);
            });
    setRunning(false);
    resize(600, 320);
}

void ImportDialog::setFile(const QString &path)
{
    file_->setText(path);
}

void ImportDialog::setRootfsKind(bool rootfs)
{
    (rootfs ? rootfs_ : archive_)->setChecked(true);
}

void ImportDialog::setTag(const QString &tag)
{
    tag_->setText(tag);
}

void ImportDialog::reject()
{
    job_->cancel();
    QDialog::reject();
}

void ImportDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Choose an archive to import"), file_->text(),
        tr("Archives (*.tar *.tar.gz *.tgz *.tar.zst *.tar.xz);;All files (*)"));
    if (!path.isEmpty())
        file_->setText(path);
}

void ImportDialog::validate()
{
    QString fileProblem;
    const QString path = file_->text().trimmed();
    if (!path.isEmpty()) {
        const QFileInfo info(path);
        if (!info.exists())
            fileProblem = tr("There is no file %1.").arg(path);
        else if (!info.isFile() || !info.isReadable())
            fileProblem = tr("%1 is not a file this app can read.").arg(path);
    }
    fileError_->setError(fileProblem);
    tag_->setEnabled(rootfs_->isChecked());
    const QString tag = tag_->text().trimmed();
    const QString tagProblem = rootfs_->isChecked() && !tag.isEmpty()
                                   ? PullDialog::referenceProblem(tag)
                                   : QString();
    tagError_->setError(tagProblem);
    import_->setEnabled(!job_->isRunning() && !path.isEmpty() && fileProblem.isEmpty() &&
                        tagProblem.isEmpty());
}

void ImportDialog::startImport()
{
    const QString path = file_->text().trimmed();
    // The helper reads the file through this descriptor: it needs no access to the path.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fileError_->setError(tr("%1 cannot be opened: %2")
                                 .arg(path, QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    const QDBusUnixFileDescriptor archive(fd); // keeps its own duplicate
    ::close(fd);
    QVariantMap options;
    options.insert(QStringLiteral("Kind"),
                   rootfs_->isChecked() ? QStringLiteral("rootfs") : QStringLiteral("archive"));
    if (rootfs_->isChecked() && !tag_->text().trimmed().isEmpty())
        options.insert(QStringLiteral("Tag"), tag_->text().trimmed());
    result_->setText(tr("Importing %1…").arg(QFileInfo(path).fileName()));
    result_->show();
    progress_->setRange(0, 0); // busy until the helper reports bytes
    progress_->show();
    job_->start(helper_->manager().ImportImage(archive, options));
    setRunning(true);
}

void ImportDialog::showProgress(const QList<JobLayer> &layers)
{
    quint64 current = 0;
    quint64 total = 0;
    for (const JobLayer &layer : layers) {
        current += layer.current;
        total += layer.total;
    }
    if (total == 0) {
        progress_->setRange(0, 0);
        progress_->setFormat(bytesText(current));
        return;
    }
    progress_->setRange(0, int(std::max<quint64>(1, total / 1024)));
    progress_->setValue(int(current / 1024));
    progress_->setFormat(tr("%1 of %2").arg(bytesText(current), bytesText(total)));
}

void ImportDialog::jobFinished(bool ok, const QVariantMap &result, const QString &message)
{
    setRunning(false);
    progress_->hide();
    if (!ok) {
        result_->setText(tr("The import failed: %1").arg(message));
        return;
    }
    QStringList names;
    for (const QVariant &image : result.value(QStringLiteral("Images")).toList()) {
        const QVariantMap map = image.toMap();
        const QStringList tags = map.value(QStringLiteral("RepoTags")).toStringList();
        names << (tags.isEmpty() ? shortImageId(map.value(QStringLiteral("Id")).toString())
                                 : tags.join(QStringLiteral(", ")));
    }
    result_->setText(tr("Imported %1.").arg(names.join(QStringLiteral(", "))));
    emit imagesChanged();
}

void ImportDialog::setRunning(bool running)
{
    for (QWidget *w : std::initializer_list<QWidget *>{file_, rootfs_, archive_})
        w->setEnabled(!running);
    cancel_->setEnabled(running);
    close_->setEnabled(!running);
    validate();
    if (running)
        tag_->setEnabled(false);
}

} // namespace hako::gui
