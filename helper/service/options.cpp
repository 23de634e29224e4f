#include "options.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace hako::helper {

namespace {

// Engine::monitorBinary() looks beside the running binary; in the build tree the helper
// lives in helper/service and the monitor in helper/monitor, so look there too before
// falling back to the installed monitor.
std::string defaultMonitor()
{
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &candidate : {dir + "/hako-monitor", dir + "/../monitor/hako-monitor"}) {
        const QFileInfo info(candidate);
        if (info.isFile() && info.isExecutable())
            return info.canonicalFilePath().toStdString();
    }
    return HAKO_HELPER_MONITOR_INSTALL_PATH;
}

} // namespace

std::optional<HelperOptions> parseCommandLine(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    parser.setApplicationDescription("Hako's privileged D-Bus service (org.hako.Containers1).");
    parser.addHelpOption();
    const QCommandLineOption stateRoot("state-root", "Where containers and images live.", "DIR",
                                       "/var/lib/hako");
    const QCommandLineOption monitor("monitor", "The hako-monitor executable.", "PATH");
    const QCommandLineOption cgroupRoot("cgroup-root", "The cgroup file system root.", "DIR",
                                        "/sys/fs/cgroup");
    const QCommandLineOption idleExit("idle-exit", "Exit after SECONDS without calls or work (0: never).",
                                      "SECONDS", "0");
    const QCommandLineOption daemonConfig("daemon-config",
                                          "Docker-style daemon.json (insecure-registries).", "FILE",
                                          "/etc/hako/daemon.json");
    parser.addOptions({stateRoot, monitor, cgroupRoot, idleExit, daemonConfig});
    parser.process(args);

    HelperOptions options;
    options.engine.stateRoot = parser.value(stateRoot).toStdString();
    options.engine.cgroupRoot = parser.value(cgroupRoot).toStdString();
    options.engine.monitorPath = parser.isSet(monitor) ? parser.value(monitor).toStdString()
                                                       : defaultMonitor();
    options.daemonConfig = parser.value(daemonConfig).toStdString();
    bool ok = false;
    options.idleExitSeconds = parser.value(idleExit).toInt(&ok);
    if (!ok || options.idleExitSeconds < 0) {
        std::fprintf(stderr, "hako-helper: --idle-exit wants a number of seconds, not \"%s\"\n",
                     qPrintable(parser.value(idleExit)));
        return std::nullopt;
    }
    if (options.engine.stateRoot.empty() || options.engine.stateRoot[0] != '/') {
        std::fprintf(stderr, "hako-helper: --state-root must be an absolute path\n");
        return std::nullopt;
    }
    return options;
}

} // namespace hako::helper
