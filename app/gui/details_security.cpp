#include "details_security.h"

#include "container_info.h"
#include "details_common.h"
#include "helper_connection.h"

// The spec model only (as hakoctl-logic uses it): the asked-for side is computed by the same
// code the helper answers with, so "default profile" means the same thing on both sides.
#include "effective_security.h"
#include "spec.h"

#include <nlohmann/json.hpp>

#include <QDBusPendingReply>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <exception>

namespace hako::gui {

namespace {

const QString kInvalidState = QStringLiteral("org.hako.Containers1.Error.InvalidState");

QLabel *cellLabel(QWidget *parent, const QString &objectName)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QJsonObject objectFromJson(const std::string &text)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

// "EffectiveCaps" → "effectiveCaps": the rows' object names, for tests and accessibility tools.
const char *const kRowKeys[kSecurityRowCount] = {"effectiveCaps", "permittedCaps", "boundingCaps", "seccomp",
                                                 "noNewPrivileges", "user", "uidMap", "gidMap"};

} // namespace

SecurityPage::SecurityPage(HelperConnection *helper, QWidget *parent) : QWidget(parent), helper_(helper)
{
    setObjectName(QStringLiteral("detailsSecurity"));
    message_ = new PageMessage(QStringLiteral("securityMessage"), this);

    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(2);
    buildGrid(grid);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("securityScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    // The grid reads as part of the page, not as a box inside it.
    scroll->viewport()->setAutoFillBackground(false);
    content->setAutoFillBackground(false);

    alsoAsked_ = cellLabel(this, QStringLiteral("securityAlsoAsked"));
    checkIsolation_ = new QPushButton(tr("Check isolation…"), this);
    checkIsolation_->setObjectName(QStringLiteral("checkIsolationButton"));
    checkIsolation_->setToolTip(tr("Run the isolation check: experiments inside the running container, "
                                   "judged against its settings."));
    connect(checkIsolation_, &QPushButton::clicked, this, [this] { emit checkIsolationRequested(id_); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(alsoAsked_, 1);
    buttons->addWidget(checkIsolation_, 0, Qt::AlignBottom);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message_);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    clear();
}

void SecurityPage::buildGrid(QGridLayout *grid)
{
    QWidget *parent = grid->parentWidget();
    auto header = [&](const QString &text, int column) {
        QLabel *label = cellLabel(parent, {});
        label->setText(text);
        label->setForegroundRole(QPalette::PlaceholderText); // a column's name, not a value
        grid->addWidget(label, 0, column);
    };
    header(tr("Asked for"), 1);
    header(tr("In force (read from the kernel)"), 2);
    for (int row = 0; row < kSecurityRowCount; ++row) {
        const QString key = QLatin1String(kRowKeys[row]);
        RowWidgets w{cellLabel(parent, QStringLiteral("securityTitle_") + key),
                     cellLabel(parent, QStringLiteral("securityAsked_") + key),
                     cellLabel(parent, QStringLiteral("securityInForce_") + key),
                     cellLabel(parent, QStringLiteral("securityMark_") + key)};
        w.title->setText(SecurityRows::title(SecurityRow(row)));
        w.asked->setAccessibleName(tr("%1, asked for").arg(w.title->text()));
        w.inForce->setAccessibleName(tr("%1, in force").arg(w.title->text()));
        w.mark->setTextInteractionFlags(Qt::NoTextInteraction);
        w.mark->setContentsMargins(0, 6, 0, 0); // level with the heading
        // Not the palette's: a difference must look alarming in light and dark themes alike.
        w.mark->setStyleSheet(QStringLiteral("color: #c01c28; font-weight: bold; font-size: 13pt;"));
        // The property as a heading above its two values: in a narrow pane the values keep
        // the width, and the capability lists do not wrap one name per line.
        w.title->setContentsMargins(0, 8, 0, 0);
        QFont bold = w.title->font();
        bold.setBold(true);
        w.title->setFont(bold);
        grid->addWidget(w.mark, 2 * row + 1, 0, 2, 1);
        grid->addWidget(w.title, 2 * row + 1, 1, 1, 2);
        grid->addWidget(w.asked, 2 * row + 2, 1);
        grid->addWidget(w.inForce, 2 * row + 2, 2);
        rows_.append(w);
    }
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(2 * kSecurityRowCount + 1, 1);
}

void SecurityPage::setContainer(const QString &id)
{
    ++generation_; // a reply for the previous container is dropped
    inFlight_ = false;
    id_ = id;
    clear();
}

void SecurityPage::clear()
{
    specText_.clear();
    requested_ = {};
    effective_.reset();
    running_ = false;
    stale_ = false;
    message_->clearMessage();
    showRows();
}

void SecurityPage::showContainer(const QVariantMap &container)
{
    const QString fullId = container.value(QStringLiteral("Id")).toString();
    if (!fullId.isEmpty())
        id_ = fullId; // what checkIsolationRequested names
    const QString spec = container.value(QStringLiteral("Spec")).toString();
    if (spec != specText_)
        setRequestedFromSpec(spec);
    const QString state = container.value(QStringLiteral("State")).toString();
    running_ = state == states::kRunning || state == states::kPaused;
    if (!running_) {
        ++generation_; // an answer still on its way describes a process that has gone
        inFlight_ = false;
        effective_.reset();
        message_->showHint(tr("The values in force are read from the kernel while the container runs; "
                              "it is not running now, so only what its spec asks for is shown."));
    } else {
        if (!message_->isError())
            message_->clearMessage(); // the "not running" hint
        stale_ = true; // a new run, a pause, a restart: read the kernel's side again
        if (isVisible())
            refresh();
    }
    showRows();
}

void SecurityPage::setRequestedFromSpec(const QString &specText)
{
    specText_ = specText;
    requested_ = {};
    if (specText.isEmpty())
        return;
    const ParseResult parsed = parseSpec(specText.toStdString());
    if (!parsed.spec) {
        message_->showHint(tr("The container's spec could not be read: %1")
                               .arg(QString::fromStdString(parsed.errorText())));
        return;
    }
    try {
        requested_ = objectFromJson(requestedSecurityJson(*parsed.spec).dump());
    } catch (const std::exception &e) { // never through the event loop: that would end the app
        message_->showHint(tr("The container's spec could not be read: %1").arg(QString::fromUtf8(e.what())));
    }
}

void SecurityPage::showError(const QDBusError &error)
{
    message_->showError(error);
}

void SecurityPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (stale_)
        refresh();
}

void SecurityPage::refresh()
{
    if (id_.isEmpty() || !running_)
        return;
    stale_ = false;
    if (inFlight_) {
        stale_ = true; // asked again once this answer is in
        return;
    }
    inFlight_ = true;
    const quint64 generation = generation_;
    whenFinished(helper_, this, helper_->manager().GetEffectiveSecurity(id_),
                 [this, generation](QDBusPendingCallWatcher &call) {
                     if (generation != generation_)
                         return;
                     inFlight_ = false;
                     const QDBusPendingReply<QString> reply = call;
                     if (reply.isError() && reply.error().name() == kInvalidState) {
                         effective_.reset(); // it stopped meanwhile; its state change follows
                         showRows();
                     } else if (reply.isError()) {
                         showError(reply.error());
                     } else {
                         showEffective(reply.value());
                     }
                     if (stale_ && isVisible())
                         refresh();
                 });
}

void SecurityPage::showEffective(const QString &json)
{
    const QJsonObject security = QJsonDocument::fromJson(json.toUtf8()).object();
    // The helper's own view of the spec, read at the same moment as the kernel's side.
    if (security.contains(QStringLiteral("Requested")))
        requested_ = security[QStringLiteral("Requested")].toObject();
    effective_ = security[QStringLiteral("Effective")].toObject();
    message_->clearMessage(); // the read succeeded: an older error no longer applies
    showRows();
}

void SecurityPage::showRows()
{
    const bool known = !requested_.isEmpty();
    shown_ = known ? SecurityRows::compare(requested_, effective_) : QList<SecurityComparison>{};
    for (int row = 0; row < kSecurityRowCount; ++row) {
        const RowWidgets &w = rows_[row];
        const SecurityComparison *c = known ? &shown_[row] : nullptr;
        const bool differs = c && c->matches == false;
        w.asked->setText(c ? c->asked : QStringLiteral("—"));
        w.inForce->setText(c ? c->inForce : QStringLiteral("—"));
        w.inForce->setToolTip(differs ? c->difference : c ? c->inForceDetail : QString());
        w.mark->setText(differs ? QStringLiteral("✗") : QString());
        w.mark->setToolTip(differs ? c->difference : QString());
        w.mark->setAccessibleName(differs ? tr("Differs from what was asked for") : QString());
    }
    checkIsolation_->setEnabled(running_);
    const QJsonObject r = requested_;
    alsoAsked_->setVisible(known);
    if (known)
        alsoAsked_->setText(tr("Also in the spec: read-only root file system: %1; masked paths: %2; "
                               "read-only paths: %3.")
                                .arg(r[QStringLiteral("ReadonlyRootfs")].toBool() ? tr("yes") : tr("no"))
                                .arg(r[QStringLiteral("MaskedPaths")].toInteger())
                                .arg(r[QStringLiteral("ReadonlyPaths")].toInteger()));
}

QString SecurityPage::askedText(SecurityRow row) const
{
    return rows_[int(row)].asked->text();
}

QString SecurityPage::inForceText(SecurityRow row) const
{
    return rows_[int(row)].inForce->text();
}

std::optional<bool> SecurityPage::matches(SecurityRow row) const
{
    if (shown_.size() != kSecurityRowCount)
        return std::nullopt;
    return shown_[int(row)].matches;
}

} // namespace hako::gui
