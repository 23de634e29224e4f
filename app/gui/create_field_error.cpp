#include "create_field_error.h"

#include "state_icon.h"

#include <QEvent>

namespace hako::gui
{

FieldError::FieldError(QWidget *control, QWidget *parent) : QLabel(parent), control_(control)
{
    setObjectName(control->objectName() + QStringLiteral("Error"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void FieldError::setError(const QString &message)
{
    if (message == text())
        return;
    setText(message);
    setVisible(!message.isEmpty());
    control_->setProperty("invalid", !message.isEmpty());
    control_->setAccessibleDescription(message);
    applyLook();
}

void FieldError::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyLook();
}

void FieldError::applyLook()
{
    // The palette's error red (brighter on a dark one), for the message and the frame alike.
    const QString red = stateColor(StateLook::ExitedWithError, palette()).name();
    const QString own = QStringLiteral("QLabel { color: %1; }").arg(red);
    if (styleSheet() != own)
        setStyleSheet(own);
    const QString frame = hasError()
                              ? QStringLiteral("#%1 { border: 2px solid %2; border-radius: 3px; }")
                                    .arg(control_->objectName(), red)
                              : QString();
    if (control_->styleSheet() != frame)
        control_->setStyleSheet(frame);
}

} // namespace hako::gui
