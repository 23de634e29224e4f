// hako-helper: owns org.hako.Containers1 on the system bus and serves the Manager API.
#include "manager.h"
#include "options.h"
#include "workers.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QTimer>

#include <sys/resource.h>

#include <csignal>
#include <cstdio>

namespace {

const QString kBusName = QStringLiteral("org.hako.Containers1");

// With --idle-exit N: quit once nothing has happened for N seconds and nothing runs. D-Bus
// activation starts the helper again on the next call.
void armIdleExit(const hako::helper::Manager &manager, int seconds, QCoreApplication &app)
{
    if (seconds <= 0)
        return;
    auto *timer = new QTimer(&app);
    QObject::connect(timer, &QTimer::timeout, &app, [&manager, seconds, &app] {
        const qint64 idle = manager.idleSeconds();
        if (idle >= seconds) {
            std::fprintf(stderr, "hako-helper: idle for %lld s, exiting\n", static_cast<long long>(idle));
            app.quit();
        }
    });
    timer->start(1000);
}

// Each watched container keeps about a dozen cgroup and /proc files open between stats
// samples (core/stats.h), so a hundred of them outgrow the soft limit of 1024 open files that
// services start with. Up to the hard limit needs no privilege; the limit of each container's
// own processes comes from its spec, not from here.
void raiseOpenFileLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            std::perror("hako-helper: cannot raise the open file limit");
    }
}

} // namespace

int main(int argc, char **argv)
{
    // A log reader that closes its pipe must end that stream, not the helper.
    std::signal(SIGPIPE, SIG_IGN);
    raiseOpenFileLimit();
    QCoreApplication app(argc, argv);
    app.setApplicationName("hako-helper");
    app.setApplicationVersion(HAKO_VERSION);
    const auto options = hako::helper::parseCommandLine(argc, argv);
    if (!options)
        return 2;
    hako::helper::Workers::quick(); // sizes the pool before the first call

    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        std::fprintf(stderr, "hako-helper: cannot connect to the system bus: %s\n",
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    hako::helper::Manager manager(*options, bus);
    // Objects first, name last: once the name is ours, every object is already there.
    if (!manager.publish())
        return 1;
    if (!bus.registerService(kBusName)) {
        std::fprintf(stderr, "hako-helper: cannot own %s: %s\n", qPrintable(kBusName),
                     qPrintable(bus.lastError().message()));
        return 1;
    }
    armIdleExit(manager, options->idleExitSeconds, app);
    const int status = app.exec();
    bus.unregisterService(kBusName);
    hako::helper::Workers::quick().waitForDone();
    return status;
}
