#include "create_field_error.h"

#include "state_icon.h"

#include <QEvent>
#include <QFormLayout>
#include <QHash>
#include <QVBoxLayout>

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

FieldError *addFieldRow(QFormLayout *form, const QString &label, QWidget *control,
                        QWidget *fieldWidget)
{
    auto *field = new QWidget(form->parentWidget());
    auto *error = new FieldError(control, field);
    auto *column = new QVBoxLayout(field);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(fieldWidget ? fieldWidget : control);
    column->addWidget(error);
    form->addRow(label, field);
    if (auto *buddyLabel = qobject_cast<QLabel *>(form->labelForField(field)))
        buddyLabel->setBuddy(control);
    return error;
}

QList<cli::SpecProblem> showProblemsAt(const QList<cli::SpecProblem> &problems,
                                       const FieldFinder &fieldFor,
                                       const QList<FieldError *> &fields)
{
    QHash<FieldError *, QStringList> messages;
    QList<cli::SpecProblem> elsewhere;
    for (const cli::SpecProblem &problem : problems) {
        QString prefix;
        if (FieldError *field = fieldFor(problem, &prefix)) {
            if (!messages[field].contains(prefix + problem.message))
                messages[field].append(prefix + problem.message);
        } else {
            elsewhere.append(problem);
        }
    }
    for (FieldError *field : fields)
        field->setError(messages.value(field).join(QLatin1Char('\n')));
    return elsewhere;
}

} // namespace hako::gui
