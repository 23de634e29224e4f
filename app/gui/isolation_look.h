// How the isolation check's verdicts look: the colour and the icon of each ("isolated",
// "weakened", "failed", "unknown"), and the Check Isolation action's own icon.
#pragma once

#include <QColor>
#include <QIcon>
#include <QPalette>
#include <QString>

namespace hako::gui {

QColor verdictColor(const QString &verdict, const QPalette &palette);
QIcon verdictIcon(const QString &verdict, const QPalette &palette);
// A shield with a tick, in the "isolated" colour: for themes without "security-high".
QIcon isolationShieldIcon(const QPalette &palette);

} // namespace hako::gui
