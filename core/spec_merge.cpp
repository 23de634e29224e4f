// docker update's rule for combining limits: what the patch sets replaces what the container
// had, and everything the patch leaves unset stays.
#include "spec.h"

#include <algorithm>

namespace hako {

namespace {

template <typename T> void take(std::optional<T> &into, const std::optional<T> &from)
{
    if (from)
        into = from;
}

void take(std::string &into, const std::string &from)
{
    if (!from.empty())
        into = from;
}

// Per device: the patch's entry for a device replaces the base's, new devices are added.
template <typename Device>
void mergeDevices(std::vector<Device> &into, const std::vector<Device> &from)
{
    for (const Device &device : from) {
        const auto same = [&](const Device &other) {
            return other.major == device.major && other.minor == device.minor;
        };
        const auto it = std::find_if(into.begin(), into.end(), same);
        if (it == into.end())
            into.push_back(device);
        else
            *it = device;
    }
}

void merge(MemoryResources &into, const MemoryResources &from)
{
    take(into.limit, from.limit);
    take(into.reservation, from.reservation);
    take(into.swap, from.swap);
    take(into.kernel, from.kernel);
    take(into.kernelTCP, from.kernelTCP);
    take(into.swappiness, from.swappiness);
    take(into.disableOOMKiller, from.disableOOMKiller);
}

void merge(CpuResources &into, const CpuResources &from)
{
    take(into.shares, from.shares);
    take(into.quota, from.quota);
    take(into.period, from.period);
    take(into.realtimeRuntime, from.realtimeRuntime);
    take(into.realtimePeriod, from.realtimePeriod);
    take(into.cpus, from.cpus);
    take(into.mems, from.mems);
}

void merge(BlockIoResources &into, const BlockIoResources &from)
{
    take(into.weight, from.weight);
    take(into.leafWeight, from.leafWeight);
    mergeDevices(into.weightDevice, from.weightDevice);
    mergeDevices(into.throttleReadBpsDevice, from.throttleReadBpsDevice);
    mergeDevices(into.throttleWriteBpsDevice, from.throttleWriteBpsDevice);
    mergeDevices(into.throttleReadIOPSDevice, from.throttleReadIOPSDevice);
    mergeDevices(into.throttleWriteIOPSDevice, from.throttleWriteIOPSDevice);
}

template <typename Section>
void mergeSection(std::optional<Section> &into, const std::optional<Section> &from)
{
    if (!from)
        return;
    if (!into)
        into.emplace();
    merge(*into, *from);
}

} // namespace

Resources mergeResources(Resources base, const Resources &patch)
{
    // Device access rules are an ordered list evaluated as a whole: a patch that has them
    // replaces them all.
    if (!patch.devices.empty())
        base.devices = patch.devices;
    mergeSection(base.memory, patch.memory);
    mergeSection(base.cpu, patch.cpu);
    if (patch.pids)
        base.pids = patch.pids;
    mergeSection(base.blockIO, patch.blockIO);
    return base;
}

} // namespace hako
