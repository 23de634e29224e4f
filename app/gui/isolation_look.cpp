#include "isolation_look.h"

#include "state_icon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace hako::gui {

namespace {
constexpr int kIconSize = 16;
} // namespace

// The state column's colours (state_icon.h), so green, amber and red mean what they mean in
// the container table, tuned there for light and dark palettes.
QColor verdictColor(const QString &verdict, const QPalette &palette)
{
    if (verdict == QLatin1String("isolated"))
        return stateColor(StateLook::Running, palette);
    if (verdict == QLatin1String("weakened"))
        return stateColor(StateLook::Paused, palette);
    if (verdict == QLatin1String("failed"))
        return stateColor(StateLook::ExitedWithError, palette);
    return stateColor(StateLook::ExitedCleanly, palette); // unknown: neutral
}

// A shape per verdict, so it reads without colour too: a disc (isolated), a triangle
// (weakened), a cross (failed), a ring (unknown).
QIcon verdictIcon(const QString &verdict, const QPalette &palette)
{
    QPixmap pixmap(kIconSize, kIconSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QColor color = verdictColor(verdict, palette);
    const QRectF box(3, 3, kIconSize - 6, kIconSize - 6);
    if (verdict == QLatin1String("isolated")) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(box);
    } else if (verdict == QLatin1String("weakened")) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPolygon(QPolygonF({QPointF(box.center().x(), box.top() - 1),
                                       QPointF(box.right() + 1, box.bottom()),
                                       QPointF(box.left() - 1, box.bottom())}));
    } else if (verdict == QLatin1String("failed")) {
        painter.setPen(QPen(color, 2.5, Qt::SolidLine, Qt::RoundCap));
        painter.drawLine(box.topLeft(), box.bottomRight());
        painter.drawLine(box.topRight(), box.bottomLeft());
    } else {
        painter.setPen(QPen(color, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box.adjusted(1, 1, -1, -1));
    }
    return QIcon(pixmap);
}

QIcon isolationShieldIcon(const QPalette &palette)
{
    QIcon icon;
    for (const qreal scale : {1.0, 2.0}) {
        QPixmap pixmap(QSize(22, 22) * scale);
        pixmap.setDevicePixelRatio(scale);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        QPainterPath shield;
        shield.moveTo(11, 2);
        shield.lineTo(19, 5);
        shield.cubicTo(19, 13, 16, 17.5, 11, 20);
        shield.cubicTo(6, 17.5, 3, 13, 3, 5);
        shield.closeSubpath();
        painter.setPen(Qt::NoPen);
        painter.setBrush(verdictColor(QStringLiteral("isolated"), palette));
        painter.drawPath(shield);
        painter.setPen(QPen(Qt::white, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.drawPolyline(QPolygonF({QPointF(7.5, 11), QPointF(10, 13.5), QPointF(14.5, 8.5)}));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace hako::gui
