#include "pull_dialog.h"

#include "create_field_error.h"
#include "image_ref.h"
#include "image_text.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "helper_connection.h"

namespace hako::gui {

namespace {

enum LayerColumn { LayerIdColumn, LayerStatusColumn, LayerBytesColumn };

QLineEdit *credentialEdit(const QString &name, const QString &accessible, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    edit->setAccessibleName(accessible);
    return edit;
}

} // namespace

PullDialog::PullDialog(HelperConnection *helper, QWidget *parent)
    : QDialog(parent), helper_(helper), job_(new ImageJob(helper, this))
{
    setObjectName(QStringLiteral("pullDialog"));
    setWindowTitle(tr("Pull an image"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    reference_ = new QLineEdit(this);
    reference_->setObjectName(QStringLiteral("pullReference"));
    reference_->setAccessibleName(tr("Image reference"));
    reference_->setPlaceholderText(tr("busybox, library/alpine:3.19, 127.0.0.1:5000/app:v1"));
    reference_->setToolTip(tr("An image reference as docker pull takes it: [registry/]name[:tag] "
                              "or name@sha256:digest. Without a registry, Docker Hub."));
    referenceError_ = addFieldRow(form, tr("&Reference:"), reference_);
    username_ = credentialEdit(QStringLiteral("pullUsername"), tr("User name"), this);
    username_->setPlaceholderText(tr("only for a registry that asks"));
    form->addRow(tr("&User name:"), username_);
    password_ = credentialEdit(QStringLiteral("pullPassword"), tr("Password"), this);
    password_->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Pass&word:"), password_);

    layers_ = new QTableWidget(0, 3, this);
    layers_->setObjectName(QStringLiteral("pullLayers"));
    layers_->setAccessibleName(tr("Layers"));
    layers_->setHorizontalHeaderLabels({tr("Layer"), tr("Status"), tr("Progress")});
    layers_->verticalHeader()->hide();
    layers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layers_->setSelectionBehavior(QAbstractItemView::SelectRows);
    layers_->horizontalHeader()->setSectionResizeMode(LayerBytesColumn, QHeaderView::Stretch);
    layers_->setColumnWidth(LayerIdColumn, 130);
    layers_->setColumnWidth(LayerStatusColumn, 140);

    result_ = new QLabel(this);
    result_->setObjectName(QStringLiteral("pullResult"));
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    result_->hide();

    auto *buttons = new QDialogButtonBox(this);
    pull_ = buttons->addButton(tr("&Pull"), QDialogButtonBox::ActionRole);
    pull_->setObjectName(QStringLiteral("pullButton"));
    pull_->setDefault(true);
    cancel_ = buttons->addButton(tr("&Cancel Pull"), QDialogButtonBox::ActionRole);
    cancel_->setObjectName(QStringLiteral("pullCancelButton"));
    cancel_->setToolTip(tr("Stop the download; nothing of it is kept."));
    close_ = buttons->addButton(QDialogButtonBox::Close);
    close_->setObjectName(QStringLiteral("pullCloseButton"));
    connect(pull_, &QPushButton::clicked, this, &PullDialog::startPull);
    connect(cancel_, &QPushButton::clicked, job_, &ImageJob::cancel);
    connect(close_, &QPushButton::clicked, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(layers_, 1);
    layout->addWidget(result_);
    layout->addWidget(buttons);

    connect(reference_, &QLineEdit::textChanged, this, &PullDialog::validate);
    connect(job_, &ImageJob::progress, this, &PullDialog::showLayers);
    connect(job_, &ImageJob::finished, this,
            [this](bool ok, const QVariantMap &result, const QString &, const QString &message) {
                jobFinished(ok, result, message);
            });
    setRunning(false);
    validate();
    resize(640, 420);
}

void PullDialog::reject()
{
    job_->cancel();
    QDialog::reject();
}

void PullDialog::setReference(const QString &reference)
{
    reference_->setText(reference);
}

QString PullDialog::referenceProblem(const QString &text)
{
    if (text.trimmed().isEmpty())
        return tr("Type the image to pull, such as busybox or 127.0.0.1:5000/app:v1.");
    try {
        parseImageRef(text.trimmed().toStdString());
        return {};
    } catch (const std::exception &error) {
        return QString::fromStdString(error.what());
    }
}

void PullDialog::validate()
{
    // An empty field is not an error yet: Pull is just not possible.
    const QString problem =
        reference_->text().isEmpty() ? QString() : referenceProblem(reference_->text());
    referenceError_->setError(problem);
    pull_->setEnabled(!job_->isRunning() && !reference_->text().trimmed().isEmpty() &&
                      problem.isEmpty());
}

void PullDialog::startPull()
{
    if (job_->isRunning() || !referenceProblem(reference_->text()).isEmpty())
        return;
    layers_->setRowCount(0);
    result_->setText(tr("Asking the registry for %1…").arg(reference_->text().trimmed()));
    result_->show();
    QVariantMap options;
    if (!username_->text().isEmpty()) {
        options.insert(QStringLiteral("Username"), username_->text());
        options.insert(QStringLiteral("Password"), password_->text());
    }
    job_->start(helper_->manager().PullImage(reference_->text().trimmed(), options));
    setRunning(true);
}

void PullDialog::showLayers(const QList<JobLayer> &layers)
{
    layers_->setRowCount(int(layers.size()));
    for (int row = 0; row < layers.size(); ++row) {
        const JobLayer &layer = layers.at(row);
        for (int column : {LayerIdColumn, LayerStatusColumn})
            if (!layers_->item(row, column))
                layers_->setItem(row, column, new QTableWidgetItem);
        layers_->item(row, LayerIdColumn)->setText(layer.id);
        layers_->item(row, LayerStatusColumn)->setText(ImageJob::statusText(layer.status));
        auto *bar = qobject_cast<QProgressBar *>(layers_->cellWidget(row, LayerBytesColumn));
        if (!bar) {
            bar = new QProgressBar(layers_);
            bar->setAccessibleName(tr("Layer %1").arg(layer.id));
            layers_->setCellWidget(row, LayerBytesColumn, bar);
        }
        // Bytes can pass 2^31: the bar counts KiB.
        const bool done = layer.status == QLatin1String("Pull complete") ||
                          layer.status == QLatin1String("Already exists");
        const quint64 total = layer.total > 0 ? layer.total : (done ? 1 : 0);
        bar->setRange(0, total > 0 ? int(std::max<quint64>(1, total / 1024)) : 0);
        bar->setValue(done ? bar->maximum() : int(layer.current / 1024));
        bar->setFormat(layer.total > 0 ? tr("%1 of %2").arg(bytesText(layer.current),
                                                            bytesText(layer.total))
                                       : bytesText(layer.current));
        bar->setTextVisible(true);
    }
}

void PullDialog::jobFinished(bool ok, const QVariantMap &result, const QString &message)
{
    setRunning(false);
    if (!ok) {
        result_->setText(tr("The pull failed: %1").arg(message));
        result_->setProperty("failed", true);
        return;
    }
    QStringList names;
    for (const QVariant &image : result.value(QStringLiteral("Images")).toList()) {
        const QVariantMap map = image.toMap();
        const QStringList tags = map.value(QStringLiteral("RepoTags")).toStringList();
        names << (tags.isEmpty() ? shortImageId(map.value(QStringLiteral("Id")).toString())
                                 : tags.join(QStringLiteral(", ")));
    }
    const quint64 fetched = result.value(QStringLiteral("BytesFetched")).toULongLong();
    const int blobs = result.value(QStringLiteral("BlobsFetched")).toInt();
    result_->setText(
        tr("Pulled %1 (digest %2): %3 downloaded in %n blob(s).", nullptr, blobs)
            .arg(names.join(QStringLiteral(", ")),
                 result.value(QStringLiteral("ManifestDigest")).toString(), bytesText(fetched)));
    result_->setProperty("failed", false);
    emit imagesChanged();
}

void PullDialog::setRunning(bool running)
{
    reference_->setReadOnly(running);
    username_->setReadOnly(running);
    password_->setReadOnly(running);
    cancel_->setEnabled(running);
    close_->setEnabled(!running);
    validate();
    if (running)
        cancel_->setFocus();
}

} // namespace hako::gui
