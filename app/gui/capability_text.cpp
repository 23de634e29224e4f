#include "capability_text.h"

#include <QCoreApplication>

namespace hako::gui
{

namespace
{

struct CapabilityText {
    const char *name;
    const char *explanation;
};

// All 41 capabilities of Linux 5.9 and later, in the kernel's numbering (capabilities(7)),
// in a translation context of their own. What matters to someone choosing: what a process
// that holds it can do that others cannot.
const CapabilityText kTexts[] = {
    {"CAP_CHOWN",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Change the owner and group of any file")},
    {"CAP_DAC_OVERRIDE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Read, write and run any file, whatever its permissions say")},
    {"CAP_DAC_READ_SEARCH",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Read any file and list any directory, whatever their permissions say")},
    {"CAP_FOWNER",
     QT_TRANSLATE_NOOP(
         "hako::gui::Capabilities",
         "Act as the owner of any file: change its permissions, times and attributes")},
    {"CAP_FSETID",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Keep a file's set-user-ID and set-group-ID bits when changing it")},
    {"CAP_KILL",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Send signals to processes of other users")},
    {"CAP_SETGID", QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                                     "Switch to any group ID and set the supplementary groups")},
    {"CAP_SETUID", QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Switch to any user ID")},
    {"CAP_SETPCAP",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Pass on or remove capabilities: change the bounding and inheritable sets")},
    {"CAP_LINUX_IMMUTABLE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Set or clear the immutable and append-only flags of files")},
    {"CAP_NET_BIND_SERVICE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Listen on network ports below 1024")},
    {"CAP_NET_BROADCAST",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Send broadcasts and listen to multicasts (unused by Linux)")},
    {"CAP_NET_ADMIN", QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                                        "Configure network interfaces, routes and firewall rules")},
    {"CAP_NET_RAW",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Use raw and packet sockets: ping, send any packet, sniff traffic")},
    {"CAP_IPC_LOCK",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Lock memory so it is never swapped out")},
    {"CAP_IPC_OWNER",
     QT_TRANSLATE_NOOP(
         "hako::gui::Capabilities",
         "Use any shared memory, semaphore or message queue, whatever its permissions")},
    {"CAP_SYS_MODULE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Load and unload kernel modules — full control of the kernel")},
    {"CAP_SYS_RAWIO",
     QT_TRANSLATE_NOOP(
         "hako::gui::Capabilities",
         "Raw access to I/O ports and to memory and disks (/dev/mem) — can take over the host")},
    {"CAP_SYS_CHROOT",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Change the root directory (chroot) and enter mount namespaces")},
    {"CAP_SYS_PTRACE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Trace and debug any process, and read and change its memory")},
    {"CAP_SYS_PACCT",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Turn process accounting on or off")},
    {"CAP_SYS_ADMIN",
     QT_TRANSLATE_NOOP(
         "hako::gui::Capabilities",
         "Mount file systems and many other administration tasks — close to full root")},
    {"CAP_SYS_BOOT", QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                                       "Reboot the machine and load a new kernel to boot into")},
    {"CAP_SYS_NICE",
     QT_TRANSLATE_NOOP(
         "hako::gui::Capabilities",
         "Raise priorities, use real-time scheduling and set the CPUs of any process")},
    {"CAP_SYS_RESOURCE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Exceed resource limits and disk quotas, and raise hard limits")},
    {"CAP_SYS_TIME",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Set the system clock and the hardware clock")},
    {"CAP_SYS_TTY_CONFIG",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Hang up and configure terminals (vhangup)")},
    {"CAP_MKNOD", QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Create device files (mknod)")},
    {"CAP_LEASE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Take leases on files it does not own")},
    {"CAP_AUDIT_WRITE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Write records to the kernel's audit log")},
    {"CAP_AUDIT_CONTROL",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Turn kernel auditing on and off and change its rules")},
    {"CAP_SETFCAP",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Give capabilities to program files")},
    {"CAP_MAC_OVERRIDE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Override mandatory access control (Smack)")},
    {"CAP_MAC_ADMIN",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Change the mandatory access control policy and labels (Smack)")},
    {"CAP_SYSLOG", QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                                     "Read and clear the kernel log, and see kernel addresses")},
    {"CAP_WAKE_ALARM",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Set timers that wake the system from suspend")},
    {"CAP_BLOCK_SUSPEND",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities", "Keep the system from suspending")},
    {"CAP_AUDIT_READ", QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                                         "Read the kernel's audit log through a netlink socket")},
    {"CAP_PERFMON",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Monitor performance of the system and other processes (perf)")},
    {"CAP_BPF", QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                                  "Load BPF programs and create BPF maps in the kernel")},
    {"CAP_CHECKPOINT_RESTORE",
     QT_TRANSLATE_NOOP("hako::gui::Capabilities",
                       "Checkpoint and restore processes: choose the PIDs of new processes")},
};

} // namespace

QString capabilityExplanation(const QString &name)
{
    const QString full =
        name.startsWith(QLatin1String("CAP_")) ? name : QStringLiteral("CAP_") + name;
    for (const CapabilityText &text : kTexts)
        if (full == QLatin1String(text.name))
            return QCoreApplication::translate("hako::gui::Capabilities", text.explanation);
    return QString();
}

QStringList allCapabilityNames()
{
    QStringList names;
    for (const CapabilityText &text : kTexts)
        names.append(QLatin1String(text.name));
    return names;
}

} // namespace hako::gui
