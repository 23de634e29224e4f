// A warning in a page of the create dialog: the style's warning icon beside a wrapped text,
// for choices that weaken the container's isolation. Hidden or shown by its page.
#pragma once

#include <QString>

class QWidget;

namespace hako::gui
{

QWidget *warningNote(const QString &objectName, const QString &text, QWidget *parent);

} // namespace hako::gui
