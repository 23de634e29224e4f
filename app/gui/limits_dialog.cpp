#include "limits_dialog.h"

#include "create_resources_page.h"
#include "error_text.h"
#include "helper_connection.h"
#include "limits_json.h"
#include "message_bar.h"

#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

// The helper names a refused value by its path, one problem per line
// ("linux.resources.memory.limit: Minimum memory limit allowed is 6MB"): those go to their
// fields, the other lines stay in the message.
QList<cli::SpecProblem> problemsIn(const QString &message, QStringList *otherLines)
{
    static const QRegularExpression line(QStringLiteral("^(linux\\.resources[^:\\s]*): (.+)$"));
    QList<cli::SpecProblem> problems;
    for (const QString &text : message.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch match = line.match(text.trimmed());
        if (match.hasMatch())
            problems.append({match.captured(1), match.captured(2), {}});
        else
            otherLines->append(text);
    }
    return problems;
}

} // namespace

struct LimitsDialog::Private {
    LimitsDialog *q;
    HelperConnection *helper;
    QString id;
    CreateResourcesPage *page = nullptr;
    QLabel *otherProblems = nullptr;
    MessageBar *failure = nullptr;
    QPushButton *apply = nullptr;
    QJsonObject before; // the container's linux.resources
    QString patchJson;  // what Apply sends; empty: nothing to send
    bool loaded = false;
    bool busy = false;
    bool fieldsValid = true;

    void buildUi(const QString &name);
    void load();
    void refresh();
    void updateButton();
    void submit();
    void showRefusal(const QDBusError &error);
};

LimitsDialog::LimitsDialog(HelperConnection *helper, const QString &id, const QString &name,
                           QWidget *parent)
    : QDialog(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->helper = helper;
    d->id = id;
    setObjectName(QStringLiteral("limitsDialog"));
    //: %1 is the container's name.
    setWindowTitle(tr("Limits of “%1”").arg(name));
    d->buildUi(name);
    connect(d->page, &CreateResourcesPage::changed, this, [this] { d->refresh(); });
    d->load();
}

LimitsDialog::~LimitsDialog() = default;

bool LimitsDialog::isLoaded() const
{
    return d->loaded;
}

QString LimitsDialog::patchJson() const
{
    return d->patchJson;
}

void LimitsDialog::Private::buildUi(const QString &name)
{
    auto *intro = new QLabel(
        tr("The resource limits of “%1”. A change applies at once while the container runs, "
           "and stays for its next starts.")
            .arg(name),
        q);
    intro->setWordWrap(true);
    page = new CreateResourcesPage(q);
    page->setEnabled(false); // until the current limits are in
    otherProblems = new QLabel(q);
    otherProblems->setObjectName(QStringLiteral("limitsOtherProblems"));
    otherProblems->setWordWrap(true);
    otherProblems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    otherProblems->hide();
    failure = new MessageBar(MessageBar::Kind::Error, tr("Dismiss"), q);
    failure->setObjectName(QStringLiteral("limitsFailure"));
    QObject::connect(failure, &MessageBar::buttonClicked, failure, &QWidget::hide);

    auto *box = new QDialogButtonBox(q);
    apply = box->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    apply->setObjectName(QStringLiteral("applyLimitsButton"));
    apply->setAccessibleName(tr("Apply the changed limits"));
    apply->setDefault(true);
    QPushButton *cancel = box->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    QObject::connect(apply, &QPushButton::clicked, q, [this] { submit(); });
    QObject::connect(cancel, &QPushButton::clicked, q, &QDialog::reject);

    auto *layout = new QVBoxLayout(q);
    layout->addWidget(intro);
    layout->addWidget(page, 1);
    layout->addWidget(otherProblems);
    layout->addWidget(failure);
    layout->addWidget(box);
    q->resize(640, 720);
    updateButton();
}

void LimitsDialog::Private::load()
{
    auto *watcher = new QDBusPendingCallWatcher(helper->manager().GetContainer(id), q);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, q,
                     [this](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         const QDBusPendingReply<QVariantMap> reply = *w;
                         helper->reportResult(reply.isError() ? reply.error() : QDBusError());
                         if (reply.isError()) {
                             failure->showMessage(tr("Could not read the container's limits: %1")
                                                      .arg(userMessage(reply.error())));
                             return;
                         }
                         const QJsonObject spec =
                             QJsonDocument::fromJson(
                                 reply.value().value(QStringLiteral("Spec")).toString().toUtf8())
                                 .object();
                         before = spec.value(QStringLiteral("linux"))
                                      .toObject()
                                      .value(QStringLiteral("resources"))
                                      .toObject();
                         loaded = true;
                         page->setOptions(resourceOptionsFromJson(before));
                         page->setEnabled(true);
                         refresh();
                     });
}

void LimitsDialog::Private::refresh()
{
    if (!loaded)
        return;
    QList<cli::SpecProblem> problems = page->ownProblems();
    const std::optional<QJsonObject> after = resourcesJson(page->options(), &problems);
    const QList<cli::SpecProblem> unplaced = page->showProblems(problems);
    otherProblems->setText(cli::problemsText(unplaced));
    otherProblems->setVisible(!unplaced.isEmpty());
    fieldsValid = problems.isEmpty() && after.has_value();
    const QJsonObject patch = fieldsValid ? resourcesPatch(before, *after) : QJsonObject();
    patchJson = patch.isEmpty()
                    ? QString()
                    : QString::fromUtf8(QJsonDocument(patch).toJson(QJsonDocument::Compact));
    updateButton();
}

void LimitsDialog::Private::updateButton()
{
    apply->setEnabled(loaded && !busy && !patchJson.isEmpty());
    QString why;
    if (!fieldsValid)
        why = tr("Correct the settings marked in red first.");
    else if (loaded && patchJson.isEmpty())
        why = tr("No limit has been changed.");
    apply->setToolTip(why);
}

void LimitsDialog::Private::submit()
{
    if (patchJson.isEmpty() || busy)
        return;
    busy = true;
    failure->hide();
    updateButton();
    auto *watcher =
        new QDBusPendingCallWatcher(helper->manager().UpdateContainer(id, patchJson), q);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, q,
                     [this](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         const QDBusPendingReply<QString> reply = *w;
                         helper->reportResult(reply.isError() ? reply.error() : QDBusError());
                         busy = false;
                         if (reply.isError()) {
                             showRefusal(reply.error());
                             updateButton();
                             return;
                         }
                         emit q->limitsChanged(id, reply.value());
                         q->accept();
                     });
}

void LimitsDialog::Private::showRefusal(const QDBusError &error)
{
    QStringList otherLines;
    const QList<cli::SpecProblem> problems = problemsIn(error.message(), &otherLines);
    const QList<cli::SpecProblem> unplaced = page->showProblems(problems);
    if (unplaced.size() == problems.size()) {
        failure->showMessage(userMessage(error)); // nothing to point at: the whole answer
        return;
    }
    for (const cli::SpecProblem &problem : unplaced)
        otherLines.append(problem.text());
    if (!otherLines.isEmpty())
        failure->showMessage(
            tr("The helper refused the limits: %1").arg(otherLines.join(QLatin1Char('\n'))));
}

} // namespace hako::gui
