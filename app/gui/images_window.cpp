#include "images_window.h"

#include "details_common.h"
#include "disk_usage_dialog.h"
#include "error_text.h"
#include "helper_connection.h"
#include "image_history_dialog.h"
#include "image_model.h"
#include "image_text.h"
#include "import_dialog.h"
#include "list_window_support.h"
#include "message_bar.h"
#include "pull_dialog.h"

#include <QAction>
#include <QDBusPendingReply>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>

namespace hako::gui {

namespace {

const QString kInvalidState = QStringLiteral("org.hako.Containers1.Error.InvalidState");

} // namespace

struct ImagesWindow::Private {
    ImagesWindow *q;
    HelperConnection *helper;
    ImageModel *model;
    QSortFilterProxyModel *proxy;
    QTableView *table = nullptr;
    QLabel *overlay = nullptr;
    MessageBar *errorBar = nullptr;
    QHash<Action, QAction *> actions;

    QAction *makeAction(Action which, const ActionLook &look, void (Private::*slot)())
    {
        return actions[which] = makeWindowAction(q, look, [this, slot] { (this->*slot)(); });
    }
    void buildActions();
    void buildTable();
    QVariantMap current() const; // the selected image's ListImages entry, or {}
    void updateActions();
    void updateOverlay();
    void showError(const QString &message) { showListError(q, errorBar, message); }
    void changed(); // after a job or removal: reload, and tell the main window
    void pull();
    void importArchive();
    void remove();
    void removeImage(const QString &id, const QString &label, bool force);
    void askForce(const QString &id, const QString &label, const QString &why);
    void history();
    void prune();
    void diskUsage();
    void refresh() { model->reload(); }
};

ImagesWindow::ImagesWindow(HelperConnection *helper, QWidget *parent)
    : QMainWindow(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->helper = helper;
    d->model = new ImageModel(helper, this);
    d->proxy = new QSortFilterProxyModel(this);
    setUpListWindow(this, helper, d->model, QStringLiteral("imagesWindow"), tr("Images — Hako"));
    d->buildTable();
    d->buildActions();
    connect(d->model, &ImageModel::loaded, this, [this] {
        d->updateActions();
        d->updateOverlay();
        selectFirstRowIfNone(d->table);
    });
    connect(d->model, &ImageModel::loadFailed, this, [this](const QDBusError &error) {
        d->showError(tr("Could not list the images: %1").arg(userMessage(error)));
        d->updateOverlay();
    });
    d->updateActions();
    d->updateOverlay();
    d->model->reload();
    resize(900, 480);
}

ImagesWindow::~ImagesWindow() = default;

ImagesWindow *ImagesWindow::open(HelperConnection *helper, QWidget *parent)
{
    return openChildWindow<ImagesWindow>(helper, parent);
}

ImageModel *ImagesWindow::model() const
{
    return d->model;
}

QTableView *ImagesWindow::table() const
{
    return d->table;
}

QAction *ImagesWindow::action(Action which) const
{
    return d->actions.value(which);
}

void ImagesWindow::selectImage(const QString &id)
{
    selectSourceRow(d->table, d->proxy, d->model->rowOfId(id));
}

void ImagesWindow::Private::buildTable()
{
    errorBar = new MessageBar(MessageBar::Kind::Error, tr("&Dismiss"), q);
    errorBar->setObjectName(QStringLiteral("imagesErrorBar"));
    proxy->setSourceModel(model);
    proxy->setSortRole(ImageModel::SortRole);
    table = buildListView(q, errorBar, proxy, ImageModel::NameColumn);
    table->setObjectName(QStringLiteral("imageTable"));
    table->setAccessibleName(tr("Images"));
    table->horizontalHeader()->setSectionResizeMode(ImageModel::UsedByColumn,
                                                    QHeaderView::Stretch);
    table->setColumnWidth(ImageModel::NameColumn, 220);
    table->setColumnWidth(ImageModel::IdColumn, 120);
    table->setColumnWidth(ImageModel::SizeColumn, 90);
    table->setColumnWidth(ImageModel::LayersColumn, 70);
    table->setColumnWidth(ImageModel::CreatedColumn, 130);
    overlay = new QLabel(table->viewport());
    overlay->setObjectName(QStringLiteral("imagesEmptyText"));
    overlay->setAlignment(Qt::AlignCenter);
    overlay->setWordWrap(true);
    overlay->setForegroundRole(QPalette::PlaceholderText);
    overlay->setAttribute(Qt::WA_TransparentForMouseEvents);
    QObject::connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, q,
                     [this] { updateActions(); });
    QObject::connect(table, &QAbstractItemView::activated, q, [this] { history(); });
}

void ImagesWindow::Private::buildActions()
{
    using P = Private;
    QAction *pullAction = makeAction(Action::Pull,
                                     {tr("&Pull…"), QStringLiteral("download"), QStyle::SP_ArrowDown,
                                      QKeySequence(Qt::CTRL | Qt::Key_P),
                                      tr("Download an image from a registry")},
                                     &P::pull);
    pullAction->setObjectName(QStringLiteral("actionPullImage"));
    QAction *importAction =
        makeAction(Action::Import,
                   {tr("&Import…"), QStringLiteral("document-import"), QStyle::SP_DialogOpenButton,
                    QKeySequence(Qt::CTRL | Qt::Key_O),
                    tr("Make an image from a root filesystem tarball, a docker save or an OCI "
                       "archive")},
                   &P::importArchive);
    importAction->setObjectName(QStringLiteral("actionImportImage"));
    QAction *removeAction =
        makeAction(Action::Remove,
                   {tr("&Remove"), QStringLiteral("edit-delete"), QStyle::SP_TrashIcon,
                    QKeySequence::Delete,
                    tr("Remove the selected image (refused while a container uses it)")},
                   &P::remove);
    removeAction->setObjectName(QStringLiteral("actionRemoveImage"));
    QAction *historyAction =
        makeAction(Action::History,
                   {tr("&History"), QStringLiteral("view-history"),
                    QStyle::SP_FileDialogDetailedView, QKeySequence(Qt::CTRL | Qt::Key_H),
                    tr("The layers of the selected image and how each was made")},
                   &P::history);
    historyAction->setObjectName(QStringLiteral("actionImageHistory"));
    QAction *pruneAction =
        makeAction(Action::Prune,
                   {tr("Prune &Unused…"), QStringLiteral("edit-clear"),
                    QStyle::SP_DialogDiscardButton,
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                    tr("Remove every image no container uses, and the layers left over")},
                   &P::prune);
    pruneAction->setObjectName(QStringLiteral("actionPruneImages"));
    QAction *diskUsageAction =
        makeAction(Action::DiskUsage,
                   {tr("&Disk Usage…"), QStringLiteral("drive-harddisk"), QStyle::SP_DriveHDIcon,
                    QKeySequence(Qt::CTRL | Qt::Key_U),
                    tr("What images, containers and volumes take on disk")},
                   &P::diskUsage);
    diskUsageAction->setObjectName(QStringLiteral("actionDiskUsage"));
    QAction *refreshAction = makeAction(Action::Refresh,
                                        {tr("Re&fresh"), QStringLiteral("view-refresh"),
                                         QStyle::SP_BrowserReload, QKeySequence::Refresh,
                                         tr("List the images again")},
                                        &P::refresh);
    refreshAction->setObjectName(QStringLiteral("actionRefreshImages"));

    QToolBar *toolbar = q->addToolBar(tr("Image actions"));
    toolbar->setObjectName(QStringLiteral("imagesToolbar"));
    fillActionBars(q, toolbar, q->menuBar()->addMenu(tr("&Image")),
                   {{pullAction, importAction},
                    {removeAction, historyAction},
                    {pruneAction, diskUsageAction, refreshAction}},
                   tr("&Close"));
    table->addActions({removeAction, historyAction});
}

QVariantMap ImagesWindow::Private::current() const
{
    return model->image(selectedSourceRow(table, proxy));
}

void ImagesWindow::Private::updateActions()
{
    const bool selected = !current().isEmpty();
    actions.value(Action::Remove)->setEnabled(selected);
    actions.value(Action::History)->setEnabled(selected);
    q->statusBar()->showMessage(tr("%n image(s)", nullptr, model->rowCount()));
}

void ImagesWindow::Private::updateOverlay()
{
    QString text;
    if (model->rowCount() == 0)
        text = model->isLoaded()
                   ? tr("No images yet.\nPull one from a registry (Pull…) or import an archive "
                        "(Import…). The busybox image is built in: it appears here once a "
                        "container has used it.")
                   : tr("Asking Hako's helper for the images…");
    overlay->setText(text);
    overlay->setVisible(!text.isEmpty());
    overlay->setGeometry(table->viewport()->rect().adjusted(24, 24, -24, -24));
}

void ImagesWindow::Private::changed()
{
    model->reload();
    emit q->imagesChanged();
}

void ImagesWindow::Private::pull()
{
    auto *dialog = new PullDialog(helper, q);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &PullDialog::imagesChanged, q, [this] { changed(); });
    dialog->open();
}

void ImagesWindow::Private::importArchive()
{
    auto *dialog = new ImportDialog(helper, q);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &ImportDialog::imagesChanged, q, [this] { changed(); });
    dialog->open();
}

void ImagesWindow::Private::remove()
{
    const QVariantMap image = current();
    if (image.isEmpty())
        return;
    const QString id = image.value(QStringLiteral("Id")).toString();
    const QString label = model->data(model->index(model->rowOfId(id), ImageModel::NameColumn))
                              .toString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove image"),
                                tr("Remove the image %1 (%2)?").arg(label, shortImageId(id)),
                                QMessageBox::Cancel, q);
    box->setObjectName(QStringLiteral("removeImageConfirm"));
    box->setInformativeText(tr("Its layers are deleted unless another image shares them."));
    QPushButton *removeButton = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    box->setDefaultButton(removeButton);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, q, [this, box, removeButton, id, label] {
        if (box->clickedButton() == removeButton)
            removeImage(id, label, false);
    });
    box->open();
}

void ImagesWindow::Private::removeImage(const QString &id, const QString &label, bool force)
{
    whenFinished(helper, q, helper->manager().RemoveImage(id, force),
                 [this, id, label, force](QDBusPendingCallWatcher &w) {
                     const QDBusPendingReply<QVariantMap> reply = w;
                     if (reply.isError()) {
                         if (!force && reply.error().name() == kInvalidState)
                             askForce(id, label, reply.error().message());
                         else
                             showError(tr("Could not remove %1: %2")
                                           .arg(label, userMessage(reply.error())));
                         return;
                     }
                     const QStringList deleted =
                         reply.value().value(QStringLiteral("Deleted")).toStringList();
                     q->statusBar()->showMessage(
                         tr("Removed %1: %n layer(s) or image(s) deleted.", nullptr,
                            int(deleted.size()))
                             .arg(label),
                         15000);
                     changed();
                 });
}

// The helper refused because a container uses the image: say who, and offer to force it.
void ImagesWindow::Private::askForce(const QString &id, const QString &label, const QString &why)
{
    const int row = model->rowOfId(id);
    const QStringList usedBy =
        row >= 0 ? model->data(model->index(row, 0), ImageModel::UsedByRole).toStringList()
                 : QStringList();
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Image in use"),
        usedBy.isEmpty() ? tr("%1 cannot be removed: %2").arg(label, why)
                         : tr("%1 is used by %2, so it was not removed.")
                               .arg(label, usedBy.join(QStringLiteral(", "))),
        QMessageBox::Cancel, q);
    box->setObjectName(QStringLiteral("removeImageInUse"));
    box->setInformativeText(tr("Force removes its name and id from the list; the containers "
                               "keep running on the layers they have, which are deleted once "
                               "no container needs them."));
    QPushButton *force = box->addButton(tr("&Force Remove"), QMessageBox::DestructiveRole);
    force->setObjectName(QStringLiteral("forceRemoveButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, q, [this, box, force, id, label] {
        if (box->clickedButton() == force)
            removeImage(id, label, true);
    });
    box->open();
}

void ImagesWindow::Private::history()
{
    const QVariantMap image = current();
    if (image.isEmpty())
        return;
    auto *dialog = new ImageHistoryDialog(helper, image.value(QStringLiteral("Id")).toString(), q);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ImagesWindow::Private::prune()
{
    auto *box = new QMessageBox(QMessageBox::Question, tr("Prune unused images"),
                                tr("Remove every image no container uses?"),
                                QMessageBox::Cancel, q);
    box->setObjectName(QStringLiteral("pruneImagesConfirm"));
    box->setInformativeText(tr("They can be pulled or imported again later. Layers no image "
                               "uses any more are deleted too."));
    QPushButton *pruneButton = box->addButton(tr("&Prune"), QMessageBox::DestructiveRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, q, [this, box, pruneButton] {
        if (box->clickedButton() != pruneButton)
            return;
        whenFinished(helper, q, helper->manager().PruneImages(true),
                     [this](QDBusPendingCallWatcher &w) {
                         const QDBusPendingReply<QVariantMap> reply = w;
                         if (reply.isError()) {
                             showError(tr("Could not prune the images: %1")
                                           .arg(userMessage(reply.error())));
                             return;
                         }
                         const QVariantMap result = reply.value();
                         q->statusBar()->showMessage(
                             tr("Pruned %n image(s) and layer(s), %1 reclaimed.", nullptr,
                                int(result.value(QStringLiteral("Deleted")).toStringList().size()))
                                 .arg(bytesText(
                                     result.value(QStringLiteral("ReclaimedBytes")).toULongLong())),
                             15000);
                         changed();
                     });
    });
    box->open();
}

void ImagesWindow::Private::diskUsage()
{
    auto *dialog = new DiskUsageDialog(helper, q);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

} // namespace hako::gui
