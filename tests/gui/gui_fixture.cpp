#include "gui_fixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QTest>

namespace hako::guitest {

void GuiTest::SetUp()
{
    DBusTest::SetUp();
    if (IsSkipped() || HasFatalFailure())
        return;
    // The same address hakoctl gets; QDBusConnection::systemBus() reads it at first use, so
    // the connection is made explicitly under its own name.
    const QString address = QString::fromStdString(env().address());
    qputenv("DBUS_SYSTEM_BUS_ADDRESS", address.toUtf8()); // for reconnects, and child processes
    QDBusConnection bus = QDBusConnection::connectToBus(address, QStringLiteral("hako-gui-test"));
    ASSERT_TRUE(bus.isConnected()) << "cannot connect to the test bus " << env().address();
    helper_ = std::make_unique<gui::HelperConnection>(bus, nullptr);
    ASSERT_TRUE(waitUntil([this] { return helper_->isConnected(); }))
        << "the app's connection never reached the helper: " << helper_->problem().toStdString();
}

void GuiTest::TearDown()
{
    helper_.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    DBusTest::TearDown();
}

bool GuiTest::waitUntil(const std::function<bool()> &cond, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!cond()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(10);
    }
    return true;
}

} // namespace hako::guitest
