// The Resources fields and a spec's linux.resources (OCI JSON, cgroup v1 units), both ways:
// a container's current limits read back into the fields of the Edit limits dialog, and the
// UpdateContainer payload that carries only what the person changed. The fields' own
// conversion to JSON is hakoctl's (resource_options.h, through the spec builder).
#pragma once

#include "resource_options.h"
#include "spec_builder.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace hako::gui
{

// The options that give `resources` (a spec's linux.resources) back. A quota of a period of
// 100000 µs that is a whole number of hundredths of a core reads as --cpus; any other quota
// keeps its period and quota. Throttled devices are named by their node (/dev/sda).
cli::ResourceOptions resourceOptionsFromJson(const QJsonObject &resources);

// linux.resources as hakoctl's builder makes it from `options`; nullopt with `problems` filled
// when a value is refused (paths "linux.resources.memory.limit" …).
std::optional<QJsonObject> resourcesJson(const cli::ResourceOptions &options,
                                         QList<cli::SpecProblem> *problems);

// What UpdateContainer needs to turn `before` (the container's linux.resources) into `after`
// (the dialog's, built from its fields): every limit the fields cover whose value differs, and
// a limit taken away as the value that lifts it (memory -1, quota -1, shares 1024, a device's
// rate 0 …). Empty when nothing changed. Limits the fields do not show are left alone.
QJsonObject resourcesPatch(const QJsonObject &before, const QJsonObject &after);

// "/dev/sda" for a block device's numbers ("/dev/block/8:0" when sysfs does not name it).
QString blockDeviceNode(qint64 major, qint64 minor);

// The host's CPUs (at least 1), for the CPUs field's maximum.
int hostCpuCount();

// "0.5 CPUs, 100 MiB memory, 20 processes", or "None" when nothing is limited.
QString limitsSummary(const cli::ResourceOptions &options);

} // namespace hako::gui
