// How the stats views write a figure: the unit an axis is drawn in (binary units, as the
// table's memory column: KiB, MiB, GiB) and a value with its unit, in the person's locale.
#pragma once

#include <QString>

namespace hako::gui {

enum class Quantity { Percent, Bytes, BytesPerSecond, Count };

struct ScaledUnit {
    double divisor = 1;
    QString suffix; // "%", "MiB", "KiB/s", "" for a count
};

// The unit in which values up to `maxValue` read best: for bytes the largest of B, KiB,
// MiB, GiB, TiB in which maxValue is at least 1.
ScaledUnit unitFor(Quantity quantity, double maxValue);

// "48.9 %", "1.5 MiB", "300 B/s", "12": one decimal once a unit is scaled.
QString valueText(Quantity quantity, double value);

} // namespace hako::gui
