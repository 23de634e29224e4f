#include "details_log_delegate.h"

#include "details_log_model.h"
#include "state_icon.h"

#include <QApplication>
#include <QPainter>

namespace hako::gui {

namespace {

QColor stderrColor(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(255, 135, 135) : QColor(176, 0, 32);
}

// Amber, see-through: readable on light and dark bases and distinct from the selection.
QColor matchColor()
{
    return QColor(255, 190, 0, 120);
}

} // namespace

void LogDelegate::setHighlight(const QString &term, Qt::CaseSensitivity cs)
{
    term_ = term;
    cs_ = cs;
}

void LogDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear(); // the style paints background, selection and focus; the text is ours
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget)
                               .adjusted(margin, 0, -margin, 0);
    painter->save();
    painter->setFont(opt.font);
    paintMatches(painter, textRect, opt.fontMetrics, text);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    QColor color = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    if (!selected && index.data(LogModel::IsStderrRole).toBool())
        color = stderrColor(opt.palette);
    painter->setPen(color);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine | Qt::TextExpandTabs, text);
    painter->restore();
}

void LogDelegate::paintMatches(QPainter *painter, const QRect &textRect, const QFontMetrics &metrics,
                               const QString &text) const
{
    if (term_.isEmpty())
        return;
    for (qsizetype at = text.indexOf(term_, 0, cs_); at >= 0; at = text.indexOf(term_, at + term_.size(), cs_)) {
        const int left = metrics.horizontalAdvance(text.left(at));
        const int width = metrics.horizontalAdvance(text.mid(at, term_.size()));
        if (textRect.left() + left > textRect.right())
            break; // the rest is beyond the column
        painter->fillRect(QRect(textRect.left() + left, textRect.top(), width, textRect.height()), matchColor());
    }
}

} // namespace hako::gui
