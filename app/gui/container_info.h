// One container as the app knows it: the fields of a ListContainers entry, kept up to date
// from the helper's signals, plus the usage figures the stats issue feeds in.
#pragma once

#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace hako::gui {

// The helper's state names (docs/dbus-api.md).
namespace states {
inline const QString kCreated = QStringLiteral("created");
inline const QString kRunning = QStringLiteral("running");
inline const QString kPaused = QStringLiteral("paused");
inline const QString kStopped = QStringLiteral("stopped");
} // namespace states

struct ContainerInfo {
    QString id;
    QString name;
    QString image;
    QString state;
    QString error; // why the last start failed or supervision was lost
    QStringList command;
    uint pid = 0;
    int exitStatus = -1; // exit code, 128 + signal, or -1 while there is none
    bool oomKilled = false;
    quint64 createdUsec = 0;
    quint64 startedUsec = 0;
    quint64 finishedUsec = 0;
    std::optional<double> cpuPercent;
    std::optional<quint64> memoryBytes;

    // From a ListContainers or GetContainer entry.
    static ContainerInfo fromEntry(const QVariantMap &entry);

    // Applies an org.hako.Containers1.Container PropertiesChanged map; true if a field changed.
    bool applyProperties(const QVariantMap &changed);
    // Takes the fields no signal carries (image, command, creation time, error) from `other`.
    void takeStaticFields(const ContainerInfo &other);

    bool isRunning() const { return state == states::kRunning || state == states::kPaused; }
    // "sh -c 'echo hi'": the command line as a person would type it.
    QString commandLine() const;
};

} // namespace hako::gui
