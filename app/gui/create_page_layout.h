// The parts the create dialog's long pages (Namespaces, Resources) are laid out with.
#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace hako::gui
{

// A label whose text wraps to the width it is given: a page's or a group's explanation.
QLabel *wrappedLabel(const QString &text, QWidget *parent);

// Fills `page` with a frameless scroll area showing `content`, so a page taller than the dialog
// scrolls instead of stretching it. Call it once `content` is complete.
void setScrollingContent(QWidget *page, QWidget *content);

} // namespace hako::gui
