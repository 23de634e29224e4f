// A bar across the top of the table for what the person must know now: the helper cannot
// be reached (with a Retry button), or an action failed (with a Close button). Its text is
// selectable so an error can be copied into a report.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace hako::gui {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Warning, Error };

    // `buttonText`: the bar's one button ("Retry now", "Close"); it emits buttonClicked.
    MessageBar(Kind kind, const QString &buttonText, QWidget *parent = nullptr);

    void showMessage(const QString &text);
    QString text() const;

signals:
    void buttonClicked();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColours();

    Kind kind_;
    QLabel *label_;
    QPushButton *button_;
};

} // namespace hako::gui
