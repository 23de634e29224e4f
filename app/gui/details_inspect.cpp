#include "details_inspect.h"

#include "details_common.h"
#include "views.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace hako::gui {

InspectPage::InspectPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("detailsInspect"));
    message_ = new PageMessage(QStringLiteral("inspectMessage"), this);
    text_ = new QPlainTextEdit(this);
    text_->setObjectName(QStringLiteral("inspectText"));
    text_->setAccessibleName(tr("The container's inspect document (JSON)"));
    text_->setReadOnly(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    text_->setLineWrapMode(QPlainTextEdit::NoWrap);
    text_->setFont(monospaceFont());
    text_->setTabChangesFocus(true);

    copy_ = new QPushButton(tr("&Copy"), this);
    copy_->setObjectName(QStringLiteral("inspectCopy"));
    copy_->setToolTip(tr("Copy the JSON document"));
    connect(copy_, &QPushButton::clicked, this, &InspectPage::copyJson);

    auto *buttons = new QHBoxLayout;
    //: Tells the user the command line that prints the same document
    auto *hint = new QLabel(tr("The same document as hakoctl inspect prints."), this);
    hint->setWordWrap(true);
    buttons->addWidget(hint, 1);
    buttons->addWidget(copy_);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message_);
    layout->addLayout(buttons);
    layout->addWidget(text_, 1);
}

void InspectPage::showContainer(const QVariantMap &container)
{
    message_->clearMessage();
    const QString json = QString::fromUtf8(QJsonDocument(cli::inspectObject(container)).toJson(QJsonDocument::Indented));
    if (json == text_->toPlainText())
        return;
    // An update (the state changed) keeps the reader's place in the document.
    const int vertical = text_->verticalScrollBar()->value();
    const int horizontal = text_->horizontalScrollBar()->value();
    text_->setPlainText(json);
    text_->verticalScrollBar()->setValue(vertical);
    text_->horizontalScrollBar()->setValue(horizontal);
}

void InspectPage::showError(const QDBusError &error)
{
    message_->showError(error);
}

void InspectPage::clear()
{
    message_->clearMessage();
    text_->clear();
}

QString InspectPage::json() const
{
    return text_->toPlainText();
}

void InspectPage::copyJson()
{
    QGuiApplication::clipboard()->setText(json());
}

} // namespace hako::gui
