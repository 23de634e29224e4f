#include "host_info.h"

#include "cgroup.h"

#include <QFile>

#include <sys/utsname.h>

namespace hako::helper {

namespace {

QByteArray readSmallFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(1 << 20);
}

QString kernel()
{
    struct utsname u {};
    if (::uname(&u) != 0)
        return {};
    return QStringLiteral("%1 %2 %3").arg(u.sysname, u.release, u.machine);
}

bool overlaySupported()
{
    for (const QByteArray &line : readSmallFile("/proc/filesystems").split('\n'))
        if (line.trimmed().endsWith("overlay"))
            return true;
    return false;
}

QString seccompSupport()
{
    // The "Seccomp:" line exists only in kernels built with CONFIG_SECCOMP.
    return readSmallFile("/proc/self/status").contains("\nSeccomp:") ? "supported" : "unsupported";
}

bool userNamespacesEnabled()
{
    return readSmallFile("/proc/sys/user/max_user_namespaces").trimmed().toLongLong() > 0;
}

QStringList securityModules()
{
    const QString lsm = QString::fromLatin1(readSmallFile("/sys/kernel/security/lsm")).trimmed();
    return lsm.isEmpty() ? QStringList{} : lsm.split(',');
}

QString cgroupMode(const std::string &cgroupRoot)
{
    try {
        return QString::fromStdString(CgroupLayout::detect(cgroupRoot).describe());
    } catch (const std::exception &e) {
        return QStringLiteral("unknown (%1)").arg(e.what());
    }
}

} // namespace

QVariantMap hostInfo(const std::string &stateRoot, const std::string &cgroupRoot)
{
    return {{"Kernel", kernel()},
            {"CgroupMode", cgroupMode(cgroupRoot)},
            {"Overlay", overlaySupported()},
            {"Seccomp", seccompSupport()},
            {"UserNamespaces", userNamespacesEnabled()},
            {"LSMs", securityModules()},
            {"StateRoot", QString::fromStdString(stateRoot)},
            {"Version", QStringLiteral(HAKO_VERSION)}};
}

} // namespace hako::helper
