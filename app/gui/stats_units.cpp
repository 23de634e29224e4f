#include "stats_units.h"

#include <QCoreApplication>
#include <QLocale>

namespace hako::gui {

namespace {

struct StatsUnits {
    Q_DECLARE_TR_FUNCTIONS(StatsUnits)
};

QString byteUnitName(int power)
{
    switch (power) {
    case 0:
        //: Unit symbol: bytes
        return StatsUnits::tr("B");
    case 1:
        //: Unit symbol: kibibytes (1024 bytes)
        return StatsUnits::tr("KiB");
    case 2:
        //: Unit symbol: mebibytes
        return StatsUnits::tr("MiB");
    case 3:
        //: Unit symbol: gibibytes
        return StatsUnits::tr("GiB");
    default:
        //: Unit symbol: tebibytes
        return StatsUnits::tr("TiB");
    }
}

ScaledUnit byteUnit(double maxValue, bool perSecond)
{
    constexpr int kLargestPower = 4;
    int power = 0;
    double divisor = 1;
    while (power < kLargestPower && maxValue >= divisor * 1024) {
        divisor *= 1024;
        ++power;
    }
    const QString name = byteUnitName(power);
    //: A rate: %1 is a unit such as "MiB"
    return {divisor, perSecond ? StatsUnits::tr("%1/s").arg(name) : name};
}

} // namespace

ScaledUnit unitFor(Quantity quantity, double maxValue)
{
    switch (quantity) {
    case Quantity::Percent:
        return {1, QStringLiteral("%")};
    case Quantity::Bytes:
        return byteUnit(maxValue, false);
    case Quantity::BytesPerSecond:
        return byteUnit(maxValue, true);
    case Quantity::Count:
        break;
    }
    return {1, QString()};
}

QString valueText(Quantity quantity, double value)
{
    const QLocale locale;
    if (quantity == Quantity::Count)
        return locale.toString(qint64(value + 0.5));
    const ScaledUnit unit = unitFor(quantity, value);
    const int decimals = unit.divisor == 1 && quantity != Quantity::Percent ? 0 : 1;
    //: A value and its unit: "1.5 MiB", "48.9 %"
    return StatsUnits::tr("%1 %2").arg(locale.toString(value / unit.divisor, 'f', decimals),
                                       unit.suffix);
}

} // namespace hako::gui
