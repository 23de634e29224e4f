#include "message_bar.h"

#include "state_icon.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace hako::gui {

MessageBar::MessageBar(Kind kind, const QString &buttonText, QWidget *parent)
    : QFrame(parent), kind_(kind), label_(new QLabel(this)),
      button_(new QPushButton(buttonText, this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label_->setObjectName(QStringLiteral("messageText"));
    connect(button_, &QPushButton::clicked, this, &MessageBar::buttonClicked);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(label_, 1);
    layout->addWidget(button_, 0, Qt::AlignTop);
    applyColours();
    hide();
}

void MessageBar::showMessage(const QString &text)
{
    label_->setText(text);
    setAccessibleDescription(text);
    show();
}

QString MessageBar::text() const
{
    return label_->text();
}

void MessageBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyColours();
}

void MessageBar::applyColours()
{
    // A tint of the state colours over the window's own background, so the bar reads in a
    // light and a dark palette alike; the text keeps the palette's colour.
    const QColor accent = stateColor(
        kind_ == Kind::Error ? StateLook::ExitedWithError : StateLook::Paused, palette());
    const QColor base = parentWidget() ? parentWidget()->palette().color(QPalette::Window)
                                       : palette().color(QPalette::Window);
    const auto mix = [](int a, int b) { return (a * 4 + b) / 5; };
    const QColor tinted(mix(base.red(), accent.red()), mix(base.green(), accent.green()),
                        mix(base.blue(), accent.blue()));
    QPalette own = palette();
    if (own.color(QPalette::Window) == tinted)
        return; // avoids a PaletteChange loop
    own.setColor(QPalette::Window, tinted);
    setPalette(own);
}

} // namespace hako::gui
