#include "disk_usage_dialog.h"

#include "container_text.h"
#include "details_common.h"
#include "error_text.h"
#include "helper_connection.h"
#include "image_text.h"

#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hako::gui {

namespace {

QTableWidget *makeTable(const QString &name, const QString &accessible, const QStringList &headers,
                        QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setAccessibleName(accessible);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void setCell(QTableWidget *table, int row, int column, const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setItem(row, column, item);
}

quint64 sizeOf(const QVariantMap &entry, const char *key = "Size")
{
    return entry.value(QString::fromLatin1(key)).toULongLong();
}

} // namespace

DiskUsageDialog::DiskUsageDialog(HelperConnection *helper, QWidget *parent)
    : QDialog(parent), helper_(helper)
{
    setObjectName(QStringLiteral("diskUsageDialog"));
    setWindowTitle(tr("Disk usage"));
    message_ = new QLabel(tr("Asking the helper what the images, containers and volumes take…"),
                          this);
    message_->setObjectName(QStringLiteral("diskUsageMessage"));
    message_->setWordWrap(true);
    summary_ = makeTable(QStringLiteral("diskUsageSummary"), tr("Disk usage summary"),
                         {tr("Kind"), tr("Total"), tr("Active"), tr("Size"), tr("Reclaimable")},
                         this);
    summary_->setRowCount(3);
    summary_->setMaximumHeight(summary_->horizontalHeader()->sizeHint().height() +
                               3 * summary_->verticalHeader()->defaultSectionSize() + 6);
    summary_->setToolTip(tr("Reclaimable: what removing the images, containers and volumes no "
                            "container uses would free."));

    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("diskUsageTabs"));
    images_ = makeTable(QStringLiteral("diskUsageImages"), tr("Images"),
                        {tr("Image"), tr("ID"), tr("Size"), tr("Shared"), tr("Unique"),
                         tr("Containers")},
                        tabs);
    containers_ = makeTable(QStringLiteral("diskUsageContainers"), tr("Containers"),
                            {tr("Container"), tr("Image"), tr("State"), tr("Writable layer")},
                            tabs);
    volumes_ = makeTable(QStringLiteral("diskUsageVolumes"), tr("Volumes"),
                         {tr("Volume"), tr("Containers"), tr("Size")}, tabs);
    tabs->addTab(images_, tr("&Images"));
    tabs->addTab(containers_, tr("&Containers"));
    tabs->addTab(volumes_, tr("&Volumes"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    refresh->setObjectName(QStringLiteral("diskUsageRefresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QPushButton::clicked, this, &DiskUsageDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message_);
    layout->addWidget(summary_);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(760, 480);
    reload();
}

void DiskUsageDialog::reload()
{
    whenFinished(helper_, this, helper_->manager().GetDiskUsage(),
                 [this](QDBusPendingCallWatcher &w) {
                     const QDBusPendingReply<QVariantMap> reply = w;
                     if (reply.isError())
                         message_->setText(tr("The disk usage cannot be shown: %1")
                                               .arg(userMessage(reply.error())));
                     else
                         showUsage(reply.value());
                     emit loaded();
                 });
}

void DiskUsageDialog::showUsage(const QVariantMap &usage)
{
    message_->setText(tr("Layers shared by several images are counted once in the total."));
    const QList<QVariantMap> images = variantMapList(usage.value(QStringLiteral("Images")));
    const QList<QVariantMap> containers =
        variantMapList(usage.value(QStringLiteral("Containers")));
    const QList<QVariantMap> volumes = variantMapList(usage.value(QStringLiteral("Volumes")));

    int activeImages = 0;
    quint64 unusedImages = 0;
    for (const QVariantMap &image : images) {
        if (image.value(QStringLiteral("Containers")).toLongLong() > 0)
            ++activeImages;
        else
            unusedImages += sizeOf(image, "UniqueSize");
    }
    setSummaryRow(0, tr("Images"), int(images.size()), activeImages,
                  usage.value(QStringLiteral("LayersSize")).toULongLong(), unusedImages);

    int running = 0;
    quint64 containerSize = 0;
    quint64 stoppedSize = 0;
    for (const QVariantMap &container : containers) {
        const bool live = container.value(QStringLiteral("State")).toString() == states::kRunning ||
                          container.value(QStringLiteral("State")).toString() == states::kPaused;
        running += live ? 1 : 0;
        containerSize += sizeOf(container);
        stoppedSize += live ? 0 : sizeOf(container);
    }
    setSummaryRow(1, tr("Containers"), int(containers.size()), running, containerSize,
                  stoppedSize);

    int linked = 0;
    quint64 volumeSize = 0;
    quint64 unusedVolumes = 0;
    for (const QVariantMap &volume : volumes) {
        const bool used = volume.value(QStringLiteral("Links")).toLongLong() > 0;
        linked += used ? 1 : 0;
        volumeSize += sizeOf(volume);
        unusedVolumes += used ? 0 : sizeOf(volume);
    }
    setSummaryRow(2, tr("Volumes"), int(volumes.size()), linked, volumeSize, unusedVolumes);

    fillImages(images);
    fillContainers(containers);
    fillVolumes(volumes);
}

void DiskUsageDialog::setSummaryRow(int row, const QString &kind, int total, int active,
                                    quint64 size, quint64 reclaimable)
{
    setCell(summary_, row, 0, kind);
    setCell(summary_, row, 1, QString::number(total), true);
    setCell(summary_, row, 2, QString::number(active), true);
    setCell(summary_, row, 3, bytesText(size), true);
    const int percent = size > 0 ? int(100.0 * double(reclaimable) / double(size) + 0.5) : 0;
    setCell(summary_, row, 4, tr("%1 (%2 %)").arg(bytesText(reclaimable)).arg(percent), true);
}

void DiskUsageDialog::fillImages(const QList<QVariantMap> &images)
{
    images_->setRowCount(int(images.size()));
    for (int row = 0; row < images.size(); ++row) {
        const QVariantMap &image = images.at(row);
        setCell(images_, row, 0, image.value(QStringLiteral("Name")).toString());
        setCell(images_, row, 1, shortImageId(image.value(QStringLiteral("Id")).toString()));
        setCell(images_, row, 2, bytesText(sizeOf(image)), true);
        setCell(images_, row, 3, bytesText(sizeOf(image, "SharedSize")), true);
        setCell(images_, row, 4, bytesText(sizeOf(image, "UniqueSize")), true);
        setCell(images_, row, 5, image.value(QStringLiteral("Containers")).toString(), true);
    }
    images_->resizeColumnsToContents();
}

void DiskUsageDialog::fillContainers(const QList<QVariantMap> &containers)
{
    containers_->setRowCount(int(containers.size()));
    for (int row = 0; row < containers.size(); ++row) {
        const QVariantMap &c = containers.at(row);
        setCell(containers_, row, 0, c.value(QStringLiteral("Name")).toString());
        setCell(containers_, row, 1, c.value(QStringLiteral("Image")).toString());
        setCell(containers_, row, 2, stateLabel(c.value(QStringLiteral("State")).toString()));
        setCell(containers_, row, 3, bytesText(sizeOf(c)), true);
    }
    containers_->resizeColumnsToContents();
}

void DiskUsageDialog::fillVolumes(const QList<QVariantMap> &volumes)
{
    volumes_->setRowCount(int(volumes.size()));
    for (int row = 0; row < volumes.size(); ++row) {
        const QVariantMap &v = volumes.at(row);
        setCell(volumes_, row, 0, v.value(QStringLiteral("Name")).toString());
        setCell(volumes_, row, 1, v.value(QStringLiteral("Links")).toString(), true);
        setCell(volumes_, row, 2, bytesText(sizeOf(v)), true);
    }
    volumes_->resizeColumnsToContents();
}

} // namespace hako::gui
