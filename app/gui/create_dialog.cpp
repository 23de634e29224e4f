#include "create_dialog.h"

#include "command_line.h"
#include "create_general_page.h"
#include "create_namespaces_page.h"
#include "create_network_page.h"
#include "create_preview.h"
#include "create_resources_page.h"
#include "create_security_page.h"
#include "create_storage_page.h"
#include "details_common.h"
#include "error_text.h"
#include "helper_connection.h"
#include "message_bar.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

// The dialog's variables are always KEY=VALUE: nothing is taken from the app's environment.
std::optional<QString> noInheritedEnv(const QString &)
{
    return std::nullopt;
}

// Runs `onList` with the entries of a List* call once it has answered. A failed call only
// tells the helper connection: the page keeps what it offers, and a name can still be typed.
void whenListed(HelperConnection *helper, QObject *context, const QDBusPendingCall &call,
                std::function<void(const QList<QVariantMap> &)> onList)
{
    whenFinished(helper, context, call, [onList = std::move(onList)](QDBusPendingCallWatcher &w) {
        const QDBusPendingReply<QList<QVariantMap>> reply = w;
        if (!reply.isError())
            onList(reply.value());
    });
}

} // namespace

struct CreateDialog::Private {
    CreateDialog *q;
    HelperConnection *helper;
    QTabWidget *tabs = nullptr;
    CreateGeneralPage *general = nullptr;
    CreateNamespacesPage *namespaces = nullptr;
    CreateResourcesPage *resources = nullptr;
    CreateSecurityPage *security = nullptr;
    CreateStoragePage *storage = nullptr;
    CreateNetworkPage *network = nullptr;
    CreatePreview *preview = nullptr;
    QLabel *otherProblems = nullptr; // problems no field shows (an unreadable env file …)
    MessageBar *failure = nullptr;   // what the helper answered
    QPushButton *create = nullptr;
    QPushButton *createAndStart = nullptr;
    QPushButton *close = nullptr;
    QString specJson;    // empty while something is invalid
    QString commandLine; // `hakoctl run -d …`
    bool busy = false;   // a call is in flight
    bool done = false;   // created, but the start failed: nothing more to create here

    void buildUi();
    QWidget *buildButtons();
    cli::ContainerOptions options() const;
    void refresh();
    void markTab(QWidget *page, bool hasProblems);
    void updateButtons();
    void loadImages();
    void loadVolumes();
    void loadJoinTargets();
    void loadNetworks();
    void submit(bool start);
    void startCreated(const QString &id);
    void showFailure(const QString &text);
};

CreateDialog::CreateDialog(HelperConnection *helper, QWidget *parent)
    : QDialog(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->helper = helper;
    setObjectName(QStringLiteral("createDialog"));
    setWindowTitle(tr("New container"));
    d->buildUi();
    connect(d->general, &CreateGeneralPage::changed, this, [this] { d->refresh(); });
    connect(d->namespaces, &CreateNamespacesPage::changed, this, [this] { d->refresh(); });
    connect(d->resources, &CreateResourcesPage::changed, this, [this] { d->refresh(); });
    connect(d->security, &CreateSecurityPage::changed, this, [this] { d->refresh(); });
    connect(d->security, &CreateSecurityPage::namespacesPageRequested, this,
            [this] { d->tabs->setCurrentWidget(d->namespaces); });
    connect(d->storage, &CreateStoragePage::changed, this, [this] { d->refresh(); });
    connect(d->network, &CreateNetworkPage::changed, this, [this] { d->refresh(); });
    connect(&helper->manager(), &ManagerProxy::NetworksChanged, this,
            [this] { d->loadNetworks(); });
    connect(d->storage, &CreateStoragePage::securityPageRequested, this,
            [this] { d->tabs->setCurrentWidget(d->security); });
    d->refresh();
    d->loadImages();
    d->loadVolumes();
    d->loadJoinTargets();
    d->loadNetworks();
}

CreateDialog::~CreateDialog() = default;

void CreateDialog::addPage(QWidget *page, const QString &title)
{
    d->tabs->addTab(page, title);
}

QString CreateDialog::specJson() const
{
    return d->specJson;
}

QString CreateDialog::commandLine() const
{
    return d->commandLine;
}

void CreateDialog::Private::buildUi()
{
    tabs = new QTabWidget(q);
    tabs->setObjectName(QStringLiteral("createTabs"));
    tabs->setAccessibleName(tr("Settings"));
    general = new CreateGeneralPage(tabs);
    namespaces = new CreateNamespacesPage(tabs);
    tabs->addTab(general, tr("&General"));
    tabs->addTab(namespaces, tr("Na&mespaces"));
    resources = new CreateResourcesPage(tabs);
    tabs->addTab(resources, tr("&Resources"));
    security = new CreateSecurityPage(tabs);
    tabs->addTab(security, tr("&Security"));
    storage = new CreateStoragePage(tabs);
    tabs->addTab(storage, tr("St&orage"));
    network = new CreateNetworkPage(tabs);
    tabs->addTab(network, tr("Net&work"));

    preview = new CreatePreview(q);
    auto *splitter = new QSplitter(Qt::Horizontal, q);
    splitter->addWidget(tabs);
    splitter->addWidget(preview);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    otherProblems = new QLabel(q);
    otherProblems->setObjectName(QStringLiteral("otherProblems"));
    otherProblems->setWordWrap(true);
    otherProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    otherProblems->hide();
    failure = new MessageBar(MessageBar::Kind::Error, tr("Dismiss"), q);
    failure->setObjectName(QStringLiteral("createFailure"));
    QObject::connect(failure, &MessageBar::buttonClicked, failure, &QWidget::hide);

    auto *layout = new QVBoxLayout(q);
    layout->addWidget(splitter, 1);
    layout->addWidget(otherProblems);
    layout->addWidget(failure);
    layout->addWidget(buildButtons());
    q->resize(1000, 640);
}

QWidget *CreateDialog::Private::buildButtons()
{
    auto *box = new QDialogButtonBox(q);
    // Both accept (the platform's order puts them together); the dialog closes itself once
    // the helper has answered, not on the click.
    create = box->addButton(tr("Crea&te"), QDialogButtonBox::AcceptRole);
    create->setObjectName(QStringLiteral("createButton"));
    create->setAccessibleName(tr("Create the container"));
    createAndStart = box->addButton(tr("Create an&d start"), QDialogButtonBox::AcceptRole);
    createAndStart->setObjectName(QStringLiteral("createAndStartButton"));
    createAndStart->setAccessibleName(tr("Create and start the container"));
    createAndStart->setDefault(true);
    close = box->addButton(QDialogButtonBox::Cancel);
    close->setObjectName(QStringLiteral("cancelButton"));
    QObject::connect(create, &QPushButton::clicked, q, [this] { submit(false); });
    QObject::connect(createAndStart, &QPushButton::clicked, q, [this] { submit(true); });
    QObject::connect(close, &QPushButton::clicked, q, &QDialog::reject);
    return box;
}

cli::ContainerOptions CreateDialog::Private::options() const
{
    cli::ContainerOptions options;
    general->fillOptions(options);
    options.namespaces = namespaces->choices();
    options.resources = resources->options();
    options.security = security->options();
    options.mounts = storage->mounts();
    if (const cli::NamespaceChoice choice = network->namespaceChoice();
        choice.mode != cli::NamespaceMode::Private)
        options.namespaces[cli::NamespaceKind::Network] = choice;
    options.network = network->options();
    return options;
}

// Every change: the spec is built again by hakoctl's builder and checked by core's rules, and
// each problem goes to the field it names.
void CreateDialog::Private::refresh()
{
    const cli::ContainerOptions current = options();
    QList<cli::SpecProblem> problems =
        general->ownProblems() + resources->ownProblems() + security->ownProblems() +
        storage->ownProblems() + network->ownProblems();
    const cli::BuiltSpec built = cli::buildSpec(current, noInheritedEnv);
    problems += built.problems;

    const QList<cli::SpecProblem> notGeneral = general->showProblems(problems);
    const QList<cli::SpecProblem> notNamespaces = namespaces->showProblems(notGeneral);
    const QList<cli::SpecProblem> notResources = resources->showProblems(notNamespaces);
    const QList<cli::SpecProblem> notSecurity = security->showProblems(notResources);
    const QList<cli::SpecProblem> notStorage = storage->showProblems(notSecurity);
    const QList<cli::SpecProblem> unplaced = network->showProblems(notStorage);
    markTab(general, notGeneral.size() < problems.size());
    markTab(namespaces, notNamespaces.size() < notGeneral.size());
    markTab(resources, notResources.size() < notNamespaces.size());
    markTab(security, notSecurity.size() < notResources.size());
    markTab(storage, notStorage.size() < notSecurity.size());
    markTab(network, unplaced.size() < notStorage.size());
    storage->showTmpfs(current.security.tmpfs);
    otherProblems->setText(cli::problemsText(unplaced));
    otherProblems->setVisible(!unplaced.isEmpty());

    specJson = problems.isEmpty() && built.json ? QString::fromStdString(*built.json) : QString();
    cli::CommandLineRequest request;
    request.detach = true;
    request.autoRemove = general->autoRemove();
    request.name = general->name();
    request.image = general->image();
    request.options = current;
    commandLine = cli::renderCommandLine(request);
    preview->showPreview(commandLine, specJson);
    updateButtons();
}

void CreateDialog::Private::markTab(QWidget *page, bool hasProblems)
{
    const int index = tabs->indexOf(page);
    tabs->setTabIcon(index, hasProblems ? q->style()->standardIcon(QStyle::SP_MessageBoxWarning)
                                        : QIcon());
    tabs->setTabToolTip(index,
                        hasProblems ? tr("Some settings on this page are not valid.") : QString());
}

void CreateDialog::Private::updateButtons()
{
    const bool ready = !specJson.isEmpty() && !busy && !done;
    create->setEnabled(ready);
    createAndStart->setEnabled(ready);
    const QString why =
        specJson.isEmpty() ? tr("Correct the settings marked in red first.") : QString();
    create->setToolTip(why);
    createAndStart->setToolTip(why);
}

void CreateDialog::Private::loadImages()
{
    whenListed(helper, q, helper->manager().ListImages(), [this](const QList<QVariantMap> &images) {
        QStringList names;
        for (const QVariantMap &image : images)
            names.append(image.value(QStringLiteral("Name")).toString());
        general->setImages(names);
    });
}

void CreateDialog::Private::loadVolumes()
{
    whenListed(helper, q, helper->manager().ListVolumes(),
               [this](const QList<QVariantMap> &volumes) {
                   QStringList names;
                   for (const QVariantMap &volume : volumes)
                       if (!volume.value(QStringLiteral("Anonymous")).toBool())
                           names.append(volume.value(QStringLiteral("Name")).toString());
                   names.sort();
                   storage->setVolumeNames(names);
               });
}

void CreateDialog::Private::loadJoinTargets()
{
    whenListed(helper, q, helper->manager().ListContainers(),
               [this](const QList<QVariantMap> &containers) {
                   QList<JoinTarget> targets;
                   for (const QVariantMap &c : containers)
                       targets.append({c.value(QStringLiteral("Id")).toString(),
                                       c.value(QStringLiteral("Name")).toString(),
                                       c.value(QStringLiteral("State")).toString()});
                   std::sort(
                       targets.begin(), targets.end(),
                       [](const JoinTarget &a, const JoinTarget &b) { return a.name < b.name; });
                   namespaces->setJoinTargets(targets);
                   network->setJoinTargets(targets);
               });
}

void CreateDialog::Private::loadNetworks()
{
    whenListed(helper, q, helper->manager().ListNetworks(),
               [this](const QList<QVariantMap> &networks) {
                   QStringList names;
                   // host and none are modes of their own on the tab, not networks.
                   for (const QVariantMap &n : networks)
                       if (n.value(QStringLiteral("Driver")).toString() == QLatin1String("bridge"))
                           names.append(n.value(QStringLiteral("Name")).toString());
                   names.sort();
                   network->setNetworks(names);
               });
}

void CreateDialog::Private::submit(bool start)
{
    if (specJson.isEmpty() || busy || done)
        return;
    busy = true;
    failure->hide();
    updateButtons();
    QVariantMap createOptions;
    if (general->autoRemove())
        createOptions.insert(QStringLiteral("AutoRemove"), true);
    auto *watcher =
        new QDBusPendingCallWatcher(helper->manager().CreateContainer(
                                        general->name(), general->image(), specJson, createOptions),
                                    q);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, q,
                     [this, start](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         const QDBusPendingReply<QString> reply = *w;
                         helper->reportResult(reply.isError() ? reply.error() : QDBusError());
                         if (reply.isError()) {
                             busy = false;
                             showFailure(userMessage(reply.error()));
                             return;
                         }
                         if (start) {
                             startCreated(reply.value());
                             return;
                         }
                         emit q->containerCreated(reply.value(), false);
                         q->accept();
                     });
}

void CreateDialog::Private::startCreated(const QString &id)
{
    auto *watcher = new QDBusPendingCallWatcher(helper->manager().StartContainer(id), q);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, q,
                     [this, id](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         const QDBusPendingReply<> reply = *w;
                         helper->reportResult(reply.isError() ? reply.error() : QDBusError());
                         busy = false;
                         if (!reply.isError()) {
                             emit q->containerCreated(id, true);
                             q->accept();
                             return;
                         }
                         // It exists now: creating it again would make a second one. The dialog
                         // stays open to say why it did not start; the container can be started
                         // from the main window.
                         done = true;
                         close->setText(tr("Close"));
                         emit q->containerCreated(id, false);
                         showFailure(tr("The container was created but could not be started: %1")
                                         .arg(userMessage(reply.error())));
                     });
}

void CreateDialog::Private::showFailure(const QString &text)
{
    failure->showMessage(text);
    updateButtons();
}

} // namespace hako::gui
