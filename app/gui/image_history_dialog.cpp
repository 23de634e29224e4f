#include "image_history_dialog.h"

#include "details_common.h"
#include "error_text.h"
#include "helper_connection.h"
#include "image_text.h"

#include <QDBusPendingReply>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hako::gui {

namespace {

enum Column { CreatedColumn, CreatedByColumn, SizeColumn, CommentColumn };

QTableWidgetItem *item(const QString &text, const QString &tip = {})
{
    auto *cell = new QTableWidgetItem(text);
    cell->setToolTip(tip.isEmpty() ? text : tip);
    return cell;
}

} // namespace

ImageHistoryDialog::ImageHistoryDialog(HelperConnection *helper, const QString &ref,
                                       QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("imageHistoryDialog"));
    setWindowTitle(tr("History of %1").arg(ref));
    summary_ = new QLabel(tr("Asking the helper for %1…").arg(ref), this);
    summary_->setObjectName(QStringLiteral("historySummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    table_ = new QTableWidget(0, 4, this);
    table_->setObjectName(QStringLiteral("historyTable"));
    table_->setAccessibleName(tr("Layers of the image"));
    table_->setHorizontalHeaderLabels(
        {tr("Created"), tr("Created by"), tr("Size"), tr("Comment")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setWordWrap(false);
    table_->horizontalHeader()->setSectionResizeMode(CreatedByColumn, QHeaderView::Stretch);
    table_->setColumnWidth(CreatedColumn, 130);
    table_->setColumnWidth(SizeColumn, 90);
    table_->setColumnWidth(CommentColumn, 160);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary_);
    layout->addWidget(table_, 1);
    layout->addWidget(buttons);
    resize(820, 360);

    whenFinished(helper, this, helper->manager().GetImage(ref),
                 [this, ref](QDBusPendingCallWatcher &w) {
                     const QDBusPendingReply<QVariantMap> reply = w;
                     if (reply.isError())
                         summary_->setText(tr("The history of %1 cannot be shown: %2")
                                               .arg(ref, userMessage(reply.error())));
                     else
                         showImage(reply.value());
                     emit loaded();
                 });
}

void ImageHistoryDialog::showImage(const QVariantMap &image)
{
    const QList<QVariantMap> history = variantMapList(image.value(QStringLiteral("History")));
    summary_->setText(tr("%1 (%2): %n layer(s), %3.", nullptr,
                         int(image.value(QStringLiteral("Layers")).toUInt()))
                          .arg(image.value(QStringLiteral("Name")).toString(),
                               shortImageId(image.value(QStringLiteral("Id")).toString()),
                               bytesText(image.value(QStringLiteral("Size")).toULongLong())));
    table_->setRowCount(int(history.size()));
    for (int row = 0; row < history.size(); ++row) {
        const QVariantMap &step = history.at(row);
        const qint64 created = step.value(QStringLiteral("CreatedUsec")).toLongLong();
        const QString exact =
            created > 0 ? QDateTime::fromMSecsSinceEpoch(created / 1000).toString(Qt::ISODate)
                        : QString();
        table_->setItem(row, CreatedColumn, item(relativeTimeText(created), exact));
        QString createdBy = step.value(QStringLiteral("CreatedBy")).toString().simplified();
        table_->setItem(row, CreatedByColumn, item(createdBy.isEmpty() ? QStringLiteral("—")
                                                                       : createdBy));
        const bool empty = step.value(QStringLiteral("EmptyLayer")).toBool();
        auto *size = item(bytesText(empty ? 0 : step.value(QStringLiteral("Size")).toULongLong()),
                          empty ? tr("Changes only the configuration: no layer") : QString());
        size->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        table_->setItem(row, SizeColumn, size);
        table_->setItem(row, CommentColumn, item(step.value(QStringLiteral("Comment")).toString()));
    }
}

} // namespace hako::gui
