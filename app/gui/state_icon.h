// The state column's icon: a shape per state (so it reads without colour too) in a colour
// chosen for the palette, brighter on a dark one so it keeps its contrast.
#pragma once

#include "container_info.h"

#include <QColor>
#include <QIcon>
#include <QPalette>

namespace hako::gui {

enum class StateLook { Created, Running, Paused, ExitedCleanly, ExitedWithError };

StateLook stateLook(const ContainerInfo &info);
bool isDarkPalette(const QPalette &palette);
QColor stateColor(StateLook look, const QPalette &palette);
// Drawn once per look and palette brightness, then cached.
QIcon stateIcon(StateLook look, const QPalette &palette);

} // namespace hako::gui
