#include "state_icon.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace hako::gui {

namespace {

constexpr int kIconSize = 16;

void drawShape(QPainter &painter, StateLook look, const QColor &color)
{
    const QRectF box(3, 3, kIconSize - 6, kIconSize - 6);
    painter.setRenderHint(QPainter::Antialiasing);
    switch (look) {
    case StateLook::Running:
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(box);
        break;
    case StateLook::Created:
        painter.setPen(QPen(color, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box.adjusted(1, 1, -1, -1));
        break;
    case StateLook::Paused: {
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        const qreal bar = box.width() / 3;
        painter.drawRect(QRectF(box.left(), box.top(), bar, box.height()));
        painter.drawRect(QRectF(box.right() - bar, box.top(), bar, box.height()));
        break;
    }
    case StateLook::ExitedCleanly:
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawRect(box.adjusted(1, 1, -1, -1));
        break;
    case StateLook::ExitedWithError: {
        painter.setPen(QPen(color, 2.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(box.topLeft(), box.bottomRight());
        painter.drawLine(box.topRight(), box.bottomLeft());
        break;
    }
    }
}

QPixmap drawIcon(StateLook look, const QColor &color, qreal scale)
{
    QPixmap pixmap(QSize(kIconSize, kIconSize) * scale);
    pixmap.setDevicePixelRatio(scale);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    drawShape(painter, look, color);
    return pixmap;
}

} // namespace

StateLook stateLook(const ContainerInfo &info)
{
    if (info.state == states::kRunning)
        return StateLook::Running;
    if (info.state == states::kPaused)
        return StateLook::Paused;
    if (info.state == states::kStopped)
        return info.exitStatus == 0 && !info.oomKilled ? StateLook::ExitedCleanly
                                                       : StateLook::ExitedWithError;
    return StateLook::Created;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor stateColor(StateLook look, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (look) {
    case StateLook::Running:
        return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case StateLook::Paused:
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    case StateLook::Created:
        return dark ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
    case StateLook::ExitedWithError:
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case StateLook::ExitedCleanly:
        break;
    }
    // Neutral: the palette's own dimmed text colour keeps its contrast in either scheme.
    return palette.color(QPalette::Disabled, QPalette::WindowText);
}

QIcon stateIcon(StateLook look, const QPalette &palette)
{
    static QHash<QString, QIcon> cache;
    const QColor color = stateColor(look, palette);
    const QString key = QStringLiteral("%1/%2").arg(int(look)).arg(color.name());
    auto it = cache.find(key);
    if (it == cache.end()) {
        QIcon icon;
        icon.addPixmap(drawIcon(look, color, 1));
        icon.addPixmap(drawIcon(look, color, 2));
        it = cache.insert(key, icon);
    }
    return *it;
}

} // namespace hako::gui
