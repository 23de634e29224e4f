// hako-dbus-tests: GoogleTest with a QCoreApplication (QtDBus wants one) and the bus fixture.
#include "bus_fixture.h"

#include <QCoreApplication>
#include <QDBusMetaType>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qDBusRegisterMetaType<QList<QVariantMap>>();
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new hako::dbustest::BusEnvironment);
    return RUN_ALL_TESTS();
}
