// The GUI tests' fixture: DBusTest's bus, polkitd and helper, plus a HelperConnection on
// that private bus for the widget under test.
#pragma once

#include "bus_fixture.h"
#include "helper_connection.h"

#include <QDBusConnection>

#include <memory>

namespace hako::guitest {

class GuiTest : public dbustest::DBusTest {
protected:
    void SetUp() override;    // DBusTest's, then a connection to the test bus
    void TearDown() override; // widgets first, then the containers

    // A connection of the app's kind to the private bus (DBUS_SYSTEM_BUS_ADDRESS).
    gui::HelperConnection &helper() { return *helper_; }

    // Spins the event loop until `cond` holds or `timeoutMs` passes; true if it holds.
    static bool waitUntil(const std::function<bool()> &cond, int timeoutMs = 5000);

private:
    std::unique_ptr<gui::HelperConnection> helper_;
};

} // namespace hako::guitest
