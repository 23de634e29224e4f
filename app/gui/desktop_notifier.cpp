#include "desktop_notifier.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QSystemTrayIcon>

namespace hako::gui {

namespace {

constexpr int kDefaultExpiry = -1; // the server's default

// Only a session bus that exists: with no address, libdbus would try to autolaunch one.
bool sessionBusExpected()
{
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        return true;
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    return !runtime.isEmpty() && QFileInfo::exists(runtime + QStringLiteral("/bus"));
}

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent) : QObject(parent) {}

void DesktopNotifier::notify(const QString &summary, const QString &body)
{
    if (!sessionBusExpected()) {
        notifyOutsideTheBus(summary, body);
        return;
    }
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        notifyOutsideTheBus(summary, body);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    const QVariantMap hints{{QStringLiteral("desktop-entry"), QGuiApplication::desktopFileName()},
                            {QStringLiteral("urgency"), QVariant::fromValue(uchar(1))}};
    call << QGuiApplication::applicationDisplayName() << uint(0)
         << QGuiApplication::desktopFileName() << summary << body << QStringList() << hints
         << kDefaultExpiry;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, summary, body](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                if (w->isError())
                    notifyOutsideTheBus(summary, body); // no notification server
                else
                    emit shown(summary, body, Channel::Notifications);
            });
}

void DesktopNotifier::notifyOutsideTheBus(const QString &summary, const QString &body)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages()) {
        emit unavailable(summary, body);
        emit shown(summary, body, Channel::None);
        return;
    }
    if (!tray_) {
        tray_ = new QSystemTrayIcon(QGuiApplication::windowIcon(), this);
        tray_->setToolTip(QGuiApplication::applicationDisplayName());
    }
    tray_->show();
    tray_->showMessage(summary, body, QSystemTrayIcon::Warning);
    emit shown(summary, body, Channel::Tray);
}

} // namespace hako::gui
