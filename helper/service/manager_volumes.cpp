// Manager methods about named volumes: docker volume ls, create, rm.
#include "manager.h"

#include "convert.h"
#include "image_requests.h"
#include "store.h"
#include "workers.h"

namespace hako::helper
{

QList<QVariantMap> Manager::ListVolumes()
{
    dispatch(begin("ListVolumes"), std::nullopt, "monitor", Workers::quick(), Rescan::No,
             [](Engine &engine) {
                 QList<QVariantMap> out;
                 for (const Volume &volume : engine.volumes().list())
                     out << volumeEntry(volume, engine.containersUsingVolume(volume.name));
                 return QVariantList{QVariant::fromValue(out)};
             });
    return {};
}

QVariantMap Manager::CreateVolume(const QString &name, const QVariantMap &options)
{
    const Call call = begin("CreateVolume", name);
    std::optional<Failure> invalid = checkVolumeName(name, true);
    auto labels = parseVolumeOptions(options);
    if (const Failure *failure = std::get_if<Failure>(&labels); failure && !invalid)
        invalid = *failure;
    // Unnamed: 64 hex digits, as Docker names them.
    const std::string volumeName = name.isEmpty() ? generateId() : name.toStdString();
    // Action create: a volume is storage for containers, as creating one is.
    dispatch(
        call, invalid, "create", Workers::quick(), Rescan::No,
        [volumeName,
         labels = invalid ? std::map<std::string, std::string>{}
                          : std::get<std::map<std::string, std::string>>(labels)](Engine &engine) {
            // Docker answers a create of an existing volume with that volume.
            const Volume volume = engine.volumes().create(volumeName, labels, true);
            return QVariantList{volumeEntry(volume, engine.containersUsingVolume(volume.name))};
        });
    return {};
}

void Manager::RemoveVolume(const QString &name, bool force)
{
    dispatch(begin("RemoveVolume", name), checkVolumeName(name, false), "remove",
             Workers::blocking(), Rescan::No, [name = name.toStdString(), force](Engine &engine) {
                 engine.removeVolume(name, force);
                 return QVariantList{};
             });
}

} // namespace hako::helper
