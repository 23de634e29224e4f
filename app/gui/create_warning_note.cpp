#include "create_warning_note.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>

namespace hako::gui
{

QWidget *warningNote(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *note = new QWidget(parent);
    note->setObjectName(objectName);
    auto *icon = new QLabel(note);
    const int size = note->style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(note->style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(size, size));
    icon->setAlignment(Qt::AlignTop);
    auto *label = new QLabel(text, note);
    label->setObjectName(objectName + QStringLiteral("Text"));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(note);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(icon);
    layout->addWidget(label, 1);
    note->setAccessibleName(text); // read as one, the icon says nothing on its own
    return note;
}

} // namespace hako::gui
