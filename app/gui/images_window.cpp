#include "images_window.h"

#include "details_common.h"
#include "disk_usage_dialog.h"
#include "error_text.h"
#include "helper_connection.h"
#include "image_history_dialog.h"
#include "image_model.h"
#include "image_text.h"
#include "import_dialog.h"
#include "message_bar.h"
#include "pull_dialog.h"

#include <QAction>
#include <QDBusPendingReply>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

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

    QAction *makeAction(Action which, const QString &text, const QString &themeIcon,
                        QStyle::StandardPixmap fallback, const QKeySequence &shortcut,
                        const QString &tip, void (Private::*slot)());
    void buildActions();
    void buildTable();
    QVariantMap current() const; // the selected image's ListImages entry, or {}
    void updateActions();
    void updateOverlay();
    void showError(const QString &message);
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
    setObjectName(QStringLiteral("imagesWindow"));
    setWindowTitle(tr("Images — Hako"));
    setAttribute(Qt::WA_DeleteOnClose);
    d->buildTable();
    d->buildActions();
    connect(d->model, &ImageModel::loaded, this, [this] {
        d->updateActions();
        d->updateOverlay();
        if (d->table->selectionModel()->selectedRows().isEmpty() && d->proxy->rowCount() > 0)
            d->table->selectRow(0);
    });
    connect(d->model, &ImageModel::loadFailed, this, [this](const QDBusError &error) {
        d->showError(tr("Could not list the images: %1").arg(userMessage(error)));
        d->updateOverlay();
    });
    connect(helper, &HelperConnection::helperRestarted, d->model, &ImageModel::reload);
    d->updateActions();
    d->updateOverlay();
    d->model->reload();
    resize(900, 480);
}

ImagesWindow::~ImagesWindow() = default;

ImagesWindow *ImagesWindow::open(HelperConnection *helper, QWidget *parent)
{
    auto *window = parent->findChild<ImagesWindow *>(QString(), Qt::FindDirectChildrenOnly);
    if (!window) {
        window = new ImagesWindow(helper, parent);
        window->setWindowFlag(Qt::Window);
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
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
    const int row = d->model->rowOfId(id);
    if (row < 0)
        return;
    d->table->selectRow(d->proxy->mapFromSource(d->model->index(row, 0)).row());
}

void ImagesWindow::Private::buildTable()
{
    auto *central = new QWidget(q);
    errorBar = new MessageBar(MessageBar::Kind::Error, tr("&Dismiss"), central);
    errorBar->setObjectName(QStringLiteral("imagesErrorBar"));
    QObject::connect(errorBar, &MessageBar::buttonClicked, errorBar, &QWidget::hide);
    proxy->setSourceModel(model);
    proxy->setSortRole(ImageModel::SortRole);
    table = new QTableView(central);
    table->setObjectName(QStringLiteral("imageTable"));
    table->setAccessibleName(tr("Images"));
    table->setModel(proxy);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setSortingEnabled(true);
    table->sortByColumn(ImageModel::NameColumn, Qt::AscendingOrder);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    table->verticalHeader()->hide();
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
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(errorBar);
    layout->addWidget(table, 1);
    q->setCentralWidget(central);
    QObject::connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, q,
                     [this] { updateActions(); });
    QObject::connect(table, &QAbstractItemView::activated, q, [this] { history(); });
}

QAction *ImagesWindow::Private::makeAction(Action which, const QString &text,
                                           const QString &themeIcon,
                                           QStyle::StandardPixmap fallback,
                                           const QKeySequence &shortcut, const QString &tip,
                                           void (Private::*slot)())
{
    auto *action = new QAction(QIcon::fromTheme(themeIcon, q->style()->standardIcon(fallback)),
                               text, q);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(tip + QStringLiteral(" (%1)").arg(shortcut.toString(
                                 QKeySequence::NativeText)));
    QObject::connect(action, &QAction::triggered, q, [this, slot] { (this->*slot)(); });
    actions.insert(which, action);
    return action;
}

void ImagesWindow::Private::buildActions()
{
    using P = Private;
    QAction *pullAction =
        makeAction(Action::Pull, tr("&Pull…"), QStringLiteral("download"),
                   QStyle::SP_ArrowDown, QKeySequence(Qt::CTRL | Qt::Key_P),
                   tr("Download an image from a registry"), &P::pull);
    pullAction->setObjectName(QStringLiteral("actionPullImage"));
    makeAction(Action::Import, tr("&Import…"), QStringLiteral("document-import"),
               QStyle::SP_DialogOpenButton, QKeySequence(Qt::CTRL | Qt::Key_O),
               tr("Make an image from a root filesystem tarball, a docker save or an OCI "
                  "archive"),
               &P::importArchive)
        ->setObjectName(QStringLiteral("actionImportImage"));
    makeAction(Action::Remove, tr("&Remove"), QStringLiteral("edit-delete"),
               QStyle::SP_TrashIcon, QKeySequence::Delete,
               tr("Remove the selected image (refused while a container uses it)"), &P::remove)
        ->setObjectName(QStringLiteral("actionRemoveImage"));
    makeAction(Action::History, tr("&History"), QStringLiteral("view-history"),
               QStyle::SP_FileDialogDetailedView, QKeySequence(Qt::CTRL | Qt::Key_H),
               tr("The layers of the selected image and how each was made"), &P::history)
        ->setObjectName(QStringLiteral("actionImageHistory"));
    makeAction(Action::Prune, tr("Prune &Unused…"), QStringLiteral("edit-clear"),
               QStyle::SP_DialogDiscardButton, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
               tr("Remove every image no container uses, and the layers left over"), &P::prune)
        ->setObjectName(QStringLiteral("actionPruneImages"));
    makeAction(Action::DiskUsage, tr("&Disk Usage…"), QStringLiteral("drive-harddisk"),
               QStyle::SP_DriveHDIcon, QKeySequence(Qt::CTRL | Qt::Key_U),
               tr("What images, containers and volumes take on disk"), &P::diskUsage)
        ->setObjectName(QStringLiteral("actionDiskUsage"));
    makeAction(Action::Refresh, tr("Re&fresh"), QStringLiteral("view-refresh"),
               QStyle::SP_BrowserReload, QKeySequence::Refresh, tr("List the images again"),
               &P::refresh)
        ->setObjectName(QStringLiteral("actionRefreshImages"));

    QToolBar *toolbar = q->addToolBar(tr("Image actions"));
    toolbar->setObjectName(QStringLiteral("imagesToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    QMenu *menu = q->menuBar()->addMenu(tr("&Image"));
    for (Action which : {Action::Pull, Action::Import, Action::Remove, Action::History,
                         Action::Prune, Action::DiskUsage, Action::Refresh}) {
        if (which == Action::Remove || which == Action::Prune) {
            toolbar->addSeparator();
            menu->addSeparator();
        }
        toolbar->addAction(actions.value(which));
        menu->addAction(actions.value(which));
        if (which == Action::Remove || which == Action::History)
            table->addAction(actions.value(which));
    }
    menu->addSeparator();
    menu->addAction(tr("&Close"), QKeySequence::Close, q, &QWidget::close);
}

QVariantMap ImagesWindow::Private::current() const
{
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return model->image(proxy->mapToSource(rows.first()).row());
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

void ImagesWindow::Private::showError(const QString &message)
{
    errorBar->showMessage(message);
    q->statusBar()->showMessage(message, 15000);
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
