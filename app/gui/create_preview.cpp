#include "create_preview.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hako::gui
{

namespace
{

QPlainTextEdit *codeView(const QString &objectName, const QString &accessibleName, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setReadOnly(true);
    view->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return view;
}

QPushButton *copyButton(const QString &objectName, const QString &text,
                        const QString &accessibleName, QPlainTextEdit *source, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setAccessibleName(accessibleName);
    QObject::connect(button, &QPushButton::clicked, source,
                     [source] { QGuiApplication::clipboard()->setText(source->toPlainText()); });
    return button;
}

} // namespace

CreatePreview::CreatePreview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("createPreview"));
    commandLine_ =
        codeView(QStringLiteral("commandLinePreview"), tr("Equivalent hakoctl command"), this);
    commandLine_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    commandLine_->setMaximumHeight(commandLine_->fontMetrics().lineSpacing() * 5);
    spec_ = codeView(QStringLiteral("specPreview"), tr("Spec to be sent"), this);
    spec_->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *commandLabel = new QLabel(tr("Equivalent command &line:"), this);
    commandLabel->setBuddy(commandLine_);
    commandLabel->setToolTip(tr("“Create and start” does what this line does; “Create” alone is "
                                "hakoctl create with the same options."));
    auto *specLabel = new QLabel(tr("Spec (OCI config.&json) sent to the helper:"), this);
    specLabel->setBuddy(spec_);

    auto *commandHeader = new QHBoxLayout;
    commandHeader->addWidget(commandLabel, 1);
    commandHeader->addWidget(copyButton(QStringLiteral("copyCommandButton"), tr("Cop&y"),
                                        tr("Copy the command line"), commandLine_, this));
    auto *specHeader = new QHBoxLayout;
    specHeader->addWidget(specLabel, 1);
    specHeader->addWidget(copyButton(QStringLiteral("copySpecButton"), tr("Copy s&pec"),
                                     tr("Copy the spec"), spec_, this));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(commandHeader);
    layout->addWidget(commandLine_);
    layout->addLayout(specHeader);
    layout->addWidget(spec_, 1);
}

void CreatePreview::showPreview(const QString &commandLine, const QString &specJson)
{
    if (commandLine_->toPlainText() != commandLine)
        commandLine_->setPlainText(commandLine);
    const QString spec =
        specJson.isEmpty() ? tr("(The spec appears here once every field is valid.)") : specJson;
    if (spec_->toPlainText() != spec)
        spec_->setPlainText(spec);
}

} // namespace hako::gui
