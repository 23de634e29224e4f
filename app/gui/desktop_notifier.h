// A desktop notification: org.freedesktop.Notifications on the session bus where there is
// one, else a tray icon's message, else `unavailable` (the window shows it in its status bar).
#pragma once

#include <QObject>
#include <QString>

class QSystemTrayIcon;

namespace hako::gui {

class DesktopNotifier : public QObject {
    Q_OBJECT
public:
    enum class Channel { Notifications, Tray, None };

    explicit DesktopNotifier(QObject *parent = nullptr);

    void notify(const QString &summary, const QString &body);

signals:
    // Where a notification went (tests and the status bar listen).
    void shown(const QString &summary, const QString &body,
               hako::gui::DesktopNotifier::Channel channel);
    void unavailable(const QString &summary, const QString &body);

private:
    void notifyOutsideTheBus(const QString &summary, const QString &body);

    QSystemTrayIcon *tray_ = nullptr;
};

} // namespace hako::gui
