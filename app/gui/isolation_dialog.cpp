#include "isolation_dialog.h"

#include "error_text.h"
#include "helper_connection.h"
#include "isolation_look.h"
#include "message_bar.h"

#include <QApplication>
#include <QClipboard>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace hako::gui {

namespace {

enum Column { CheckColumn, VerdictColumn, SummaryColumn };

// Summaries and evidence quote what the probe saw inside the container, which the container
// controls (its hostname, a command line): a tooltip would take "<img src=…>" there for rich
// text, so it gets the text escaped, in a paragraph (which also wraps long lines).
QString richTextSafe(const QString &text)
{
    return QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped());
}

} // namespace

struct IsolationDialog::Private {
    IsolationDialog *q;
    HelperConnection *helper;
    QString id, name;
    QLabel *intro = nullptr;
    QWidget *busy = nullptr;
    MessageBar *failure = nullptr;
    QLabel *overall = nullptr;
    QTreeWidget *checks = nullptr;
    QPlainTextEdit *details = nullptr; // the selected check in full: no line cut short
    QPushButton *runAgain = nullptr;
    QPushButton *copy = nullptr;
    QString reportJson;
    bool inFlight = false;

    void buildUi();
    QSplitter *buildChecks();
    QWidget *buildBusyRow();
    void setBusy(bool on);
    void received(QDBusPendingCallWatcher *watcher);
    void showReport(const QJsonObject &report);
    void addCheck(const QJsonObject &check);
    void showOverall(const QJsonArray &checks);
    void showDetails(QTreeWidgetItem *item);
    void showFailure(const QString &message);
};

IsolationDialog::IsolationDialog(HelperConnection *helper, const QString &id, const QString &name,
                                 QWidget *parent)
    : QDialog(parent), d(std::make_unique<Private>())
{
    d->q = this;
    d->helper = helper;
    d->id = id;
    d->name = name;
    setObjectName(QStringLiteral("isolationDialog"));
    setModal(false);
    //: %1 is the container's name.
    setWindowTitle(tr("Isolation check — %1").arg(name));
    d->buildUi();
    resize(940, 640);
    runCheck();
}

IsolationDialog::~IsolationDialog() = default;

IsolationDialog *IsolationDialog::open(HelperConnection *helper, const QString &id,
                                       const QString &name, QWidget *parent)
{
    IsolationDialog *dialog = nullptr;
    for (IsolationDialog *candidate :
         parent->findChildren<IsolationDialog *>(QString(), Qt::FindDirectChildrenOnly))
        if (candidate->containerId() == id)
            dialog = candidate;
    if (dialog) {
        dialog->runCheck(); // asked again: the container may have changed since
    } else {
        dialog = new IsolationDialog(helper, id, name, parent);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void IsolationDialog::Private::buildUi()
{
    intro = new QLabel(tr("Hako runs its own read-only probe inside the container and compares "
                          "what it sees with the container's settings and with the host. Select "
                          "or expand a check to see its evidence."),
                       q);
    intro->setWordWrap(true);

    failure = new MessageBar(MessageBar::Kind::Error, tr("&Dismiss"), q);
    failure->setObjectName(QStringLiteral("isolationError"));
    failure->setAccessibleName(tr("Error"));
    failure->hide();
    QObject::connect(failure, &MessageBar::buttonClicked, failure, &QWidget::hide);

    overall = new QLabel(q);
    overall->setObjectName(QStringLiteral("isolationOverall"));
    overall->setWordWrap(true);
    QFont bold = overall->font();
    bold.setBold(true);
    overall->setFont(bold);
    overall->hide();

    auto *split = buildChecks();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, q);
    runAgain = buttons->addButton(tr("&Run Again"), QDialogButtonBox::ActionRole);
    runAgain->setObjectName(QStringLiteral("runAgainButton"));
    runAgain->setToolTip(tr("Run every check again: the container may have changed"));
    copy = buttons->addButton(tr("&Copy Report"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyReportButton"));
    copy->setToolTip(tr("Copy the whole report, with its evidence, as JSON"));
    copy->setEnabled(false);
    QObject::connect(buttons, &QDialogButtonBox::rejected, q, &QDialog::close);
    QObject::connect(runAgain, &QPushButton::clicked, q, &IsolationDialog::runCheck);
    QObject::connect(copy, &QPushButton::clicked, q, [this] {
        const QJsonDocument report = QJsonDocument::fromJson(reportJson.toUtf8());
        QApplication::clipboard()->setText(QString::fromUtf8(report.toJson(QJsonDocument::Indented)));
    });

    auto *layout = new QVBoxLayout(q);
    layout->addWidget(intro);
    layout->addWidget(failure);
    layout->addWidget(buildBusyRow());
    layout->addWidget(overall);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
}

// The checks, one row each with its evidence folded under it, above the selected one in full.
QSplitter *IsolationDialog::Private::buildChecks()
{
    checks = new QTreeWidget(q);
    checks->setObjectName(QStringLiteral("isolationChecks"));
    checks->setAccessibleName(tr("Checks"));
    checks->setColumnCount(3);
    checks->setHeaderLabels({tr("Check"), tr("Verdict"), tr("Summary")});
    checks->setAlternatingRowColors(true);
    checks->setUniformRowHeights(true);
    checks->setWordWrap(false);
    checks->setSelectionMode(QAbstractItemView::SingleSelection);
    checks->header()->setStretchLastSection(true);
    checks->header()->setSectionResizeMode(CheckColumn, QHeaderView::ResizeToContents);
    checks->header()->setSectionResizeMode(VerdictColumn, QHeaderView::ResizeToContents);
    QObject::connect(checks, &QTreeWidget::currentItemChanged, q,
                     [this](QTreeWidgetItem *item) { showDetails(item); });

    details = new QPlainTextEdit(q);
    details->setObjectName(QStringLiteral("isolationEvidence"));
    details->setAccessibleName(tr("Evidence of the selected check"));
    details->setReadOnly(true);
    details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    details->setPlaceholderText(tr("Select a check to see what was read or run, and what it answered."));
    auto *split = new QSplitter(Qt::Vertical, q);
    split->setChildrenCollapsible(false);
    split->addWidget(checks);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    return split;
}

QWidget *IsolationDialog::Private::buildBusyRow()
{
    busy = new QWidget(q);
    busy->setObjectName(QStringLiteral("isolationBusy"));
    auto *label = new QLabel(tr("Running the checks inside “%1”…").arg(name), busy);
    auto *bar = new QProgressBar(busy);
    bar->setRange(0, 0); // how long the probe takes is not known: an indeterminate bar
    bar->setTextVisible(false);
    bar->setMaximumWidth(200);
    bar->setAccessibleName(tr("Checking"));
    auto *row = new QHBoxLayout(busy);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    row->addWidget(bar);
    row->addStretch(1);
    busy->hide();
    return busy;
}

void IsolationDialog::runCheck()
{
    if (d->inFlight)
        return;
    d->setBusy(true);
    d->failure->hide();
    auto *watcher = new QDBusPendingCallWatcher(d->helper->manager().CheckIsolation(d->id), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this](QDBusPendingCallWatcher *w) { d->received(w); });
}

void IsolationDialog::Private::setBusy(bool on)
{
    inFlight = on;
    busy->setVisible(on);
    runAgain->setEnabled(!on);
    // The previous rows stay readable (dimmed) while they are being checked again.
    checks->setEnabled(!on);
}

void IsolationDialog::Private::received(QDBusPendingCallWatcher *watcher)
{
    watcher->deleteLater();
    setBusy(false);
    const QDBusPendingReply<QString> reply = *watcher;
    helper->reportResult(reply.isError() ? reply.error() : QDBusError());
    if (reply.isError()) {
        showFailure(userMessage(reply.error()));
        return;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(reply.value().toUtf8(), &parseError);
    if (!document.isObject()) {
        showFailure(tr("The helper's report could not be read: %1").arg(parseError.errorString()));
        return;
    }
    reportJson = reply.value();
    showReport(document.object());
}

void IsolationDialog::Private::showReport(const QJsonObject &report)
{
    checks->clear();
    const QJsonArray list = report.value(QStringLiteral("Checks")).toArray();
    for (const QJsonValue &check : list)
        addCheck(check.toObject());
    showOverall(list);
    // The first check that needs a look (else the first) is selected, its evidence shown.
    QTreeWidgetItem *first = checks->topLevelItem(0);
    for (int i = 0; i < checks->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = checks->topLevelItem(i);
        if (item->data(VerdictColumn, Qt::UserRole).toString() != QLatin1String("isolated")) {
            first = item;
            break;
        }
    }
    checks->setCurrentItem(first);
    showDetails(first);
    copy->setEnabled(true);
    emit q->reportShown();
}

void IsolationDialog::Private::addCheck(const QJsonObject &check)
{
    const QString key = check.value(QStringLiteral("Check")).toString();
    const QString verdict = check.value(QStringLiteral("Verdict")).toString();
    const QString summary = check.value(QStringLiteral("Summary")).toString();
    auto *item = new QTreeWidgetItem(checks);
    item->setData(CheckColumn, Qt::UserRole, key);
    item->setData(VerdictColumn, Qt::UserRole, verdict);
    item->setIcon(CheckColumn, verdictIcon(verdict, q->palette()));
    item->setText(CheckColumn, checkTitle(key));
    item->setText(VerdictColumn, verdictWord(verdict));
    item->setForeground(VerdictColumn, verdictColor(verdict, q->palette()));
    item->setText(SummaryColumn, summary);
    item->setToolTip(SummaryColumn, richTextSafe(summary));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const QJsonValue &line : check.value(QStringLiteral("Evidence")).toArray()) {
        auto *evidence = new QTreeWidgetItem(item);
        evidence->setText(CheckColumn, line.toString());
        evidence->setToolTip(CheckColumn, richTextSafe(line.toString()));
        evidence->setFont(CheckColumn, fixed);
        evidence->setFirstColumnSpanned(true);
    }
    // What needs a look is open from the start.
    item->setExpanded(verdict == QLatin1String("failed"));
}

void IsolationDialog::Private::showOverall(const QJsonArray &list)
{
    int failed = 0, weakened = 0, unknown = 0;
    for (const QJsonValue &check : list) {
        const QString verdict = check.toObject().value(QStringLiteral("Verdict")).toString();
        failed += verdict == QLatin1String("failed");
        weakened += verdict == QLatin1String("weakened");
        unknown += verdict == QLatin1String("unknown");
    }
    QString text;
    if (failed > 0)
        text = tr("%n check(s) failed: the kernel shows less isolation than the container's "
                  "settings ask for.", nullptr, failed);
    else if (weakened > 0)
        text = tr("No check failed; %n weakened by the container's own settings.", nullptr, weakened);
    else if (unknown > 0)
        text = tr("No check failed; %n could not be checked.", nullptr, unknown);
    else
        text = tr("Every check passed: the container is isolated.");
    overall->setText(text);
    QPalette palette = overall->palette();
    const QString worst = failed ? QStringLiteral("failed")
                          : weakened ? QStringLiteral("weakened")
                          : unknown ? QStringLiteral("unknown")
                                    : QStringLiteral("isolated");
    palette.setColor(QPalette::WindowText, verdictColor(worst, q->palette()));
    overall->setPalette(palette);
    overall->show();
}

void IsolationDialog::Private::showDetails(QTreeWidgetItem *item)
{
    if (item && item->parent()) // an evidence line: its check
        item = item->parent();
    if (!item) {
        details->clear();
        return;
    }
    QStringList lines{item->text(CheckColumn) + QStringLiteral(" — ") + item->text(VerdictColumn),
                      item->text(SummaryColumn), QString()};
    for (int i = 0; i < item->childCount(); ++i)
        lines << item->child(i)->text(CheckColumn);
    details->setPlainText(lines.join(QLatin1Char('\n')));
}

void IsolationDialog::Private::showFailure(const QString &message)
{
    // Rows from an earlier run would read as the container's state now: they go.
    checks->clear();
    details->clear();
    overall->hide();
    reportJson.clear();
    copy->setEnabled(false);
    //: %1 is the container's name, %2 why the check could not run.
    failure->showMessage(tr("Could not check “%1”: %2").arg(name, message));
    emit q->checkFailed(failure->text());
}

QString IsolationDialog::containerId() const
{
    return d->id;
}

bool IsolationDialog::isBusy() const
{
    return d->inFlight;
}

QString IsolationDialog::reportJson() const
{
    return d->reportJson;
}

QString IsolationDialog::errorText() const
{
    return d->failure->isHidden() ? QString() : d->failure->text();
}

QString IsolationDialog::checkTitle(const QString &key)
{
    //: The isolation checks, as titles of their rows.
    if (key == QLatin1String("pid"))
        return tr("Own PID view");
    if (key == QLatin1String("hostname"))
        return tr("Own hostname");
    if (key == QLatin1String("network"))
        return tr("Own network stack");
    if (key == QLatin1String("ipc"))
        return tr("Own IPC");
    if (key == QLatin1String("mount"))
        return tr("Own mount table");
    if (key == QLatin1String("user"))
        return tr("User mapping");
    if (key == QLatin1String("capabilities"))
        return tr("Capabilities");
    if (key == QLatin1String("seccomp"))
        return tr("Seccomp filter");
    if (key == QLatin1String("limits"))
        return tr("Resource limits");
    return key; // a check added to the helper later: its key still says what it is
}

QString IsolationDialog::verdictWord(const QString &verdict)
{
    if (verdict == QLatin1String("isolated"))
        //: Verdict of an isolation check: the container has its own / the confinement holds.
        return tr("Isolated");
    if (verdict == QLatin1String("weakened"))
        //: Verdict: less isolated, because the container's settings ask for that.
        return tr("Weakened");
    if (verdict == QLatin1String("failed"))
        //: Verdict: the kernel shows something other than the settings ask for.
        return tr("Failed");
    if (verdict == QLatin1String("unknown"))
        //: Verdict: the check could not be made.
        return tr("Unknown");
    return verdict;
}

} // namespace hako::gui
