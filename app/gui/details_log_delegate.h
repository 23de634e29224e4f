// Paints a log line: one line of monospace text, stderr in a colour that suits the palette
// (light or dark), and every match of the search term marked.
#pragma once

#include <QStyledItemDelegate>

namespace hako::gui {

class LogDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setHighlight(const QString &term, Qt::CaseSensitivity cs);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintMatches(QPainter *painter, const QRect &textRect, const QFontMetrics &metrics,
                      const QString &text) const;

    QString term_;
    Qt::CaseSensitivity cs_ = Qt::CaseInsensitive;
};

} // namespace hako::gui
