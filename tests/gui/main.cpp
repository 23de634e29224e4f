// hako-gui-tests: GoogleTest with a QApplication on the offscreen platform (set here too, so
// running the binary by hand needs no display) and the bus fixture of tests/dbus.
#include "bus_fixture.h"

#include <QApplication>
#include <QDBusMetaType>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen")
                                                                    : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    qDBusRegisterMetaType<QList<QVariantMap>>();
    ::testing::InitGoogleTest(&argc, argv);
    ::testing::AddGlobalTestEnvironment(new hako::dbustest::BusEnvironment);
    return RUN_ALL_TESTS();
}
