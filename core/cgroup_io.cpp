// Block I/O: v1 blkio (weights, per-device bps and iops throttles) and v2 io (io.weight,
// io.max), and the bytes read and written, summed over every device.
#include "cgroup_controllers.h"

#include <map>
#include <sstream>

namespace hako::cgroup_detail {
namespace {

// CFQ named its files blkio.weight*, BFQ (the only proportional scheduler on current
// kernels) blkio.bfq.weight*; use whichever this kernel has.
std::string v1WeightFile(const Dir &blkio, const std::string &suffix)
{
    if (!hasInterfaceFile(blkio, "blkio.weight" + suffix) &&
        hasInterfaceFile(blkio, "blkio.bfq.weight" + suffix))
        return "blkio.bfq.weight" + suffix;
    return "blkio.weight" + suffix;
}

// One rule per write; a rate of 0 lifts the device's limit.
void writeV1Throttle(const Dir &blkio, const char *file, const std::vector<ThrottleDevice> &devs)
{
    for (const ThrottleDevice &dev : devs)
        writeCgroupFile(blkio, file,
                        deviceNumber(dev.major, dev.minor) + " " + std::to_string(dev.rate),
                        WriteMode::Command);
}

// io.weight (blk-iocost) takes the converted 1..10000 weight; where only BFQ's
// io.bfq.weight exists it takes the blkio value as it is.
void applyV2Weights(const Dir &leaf, const BlockIoResources &io)
{
    const bool bfq =
        !hasInterfaceFile(leaf, "io.weight") && hasInterfaceFile(leaf, "io.bfq.weight");
    const char *file = bfq ? "io.bfq.weight" : "io.weight";
    const auto value = [&](uint16_t weight) {
        return std::to_string(bfq ? weight : blkioWeightToIoWeight(weight));
    };
    // io.weight names its default weight "default N", one rule among the per-device ones;
    // io.bfq.weight took a bare number before Linux 5.4 and still does.
    if (io.weight && *io.weight != 0 && bfq)
        writeCgroupFile(leaf, file, value(*io.weight));
    else if (io.weight && *io.weight != 0)
        writeCgroupFile(leaf, file, "default " + value(*io.weight), WriteMode::Command);
    for (const WeightDevice &dev : io.weightDevice) {
        if (dev.weight)
            writeCgroupFile(leaf, file,
                            deviceNumber(dev.major, dev.minor) + " " + value(*dev.weight),
                            WriteMode::Command);
    }
}

// io.max takes one line per device with every limit for it: "8:0 rbps=1048576 wiops=100".
// A rate of 0 (v1's way of lifting a limit, and what docker update sends) is "max" here:
// the kernel refuses 0.
void applyV2Max(const Dir &leaf, const BlockIoResources &io)
{
    std::map<std::pair<int64_t, int64_t>, std::string> lines;
    const auto add = [&](const std::vector<ThrottleDevice> &devs, const char *key) {
        for (const ThrottleDevice &dev : devs)
            lines[{dev.major, dev.minor}] +=
                " " + std::string(key) + "=" + (dev.rate == 0 ? "max" : std::to_string(dev.rate));
    };
    add(io.throttleReadBpsDevice, "rbps");
    add(io.throttleWriteBpsDevice, "wbps");
    add(io.throttleReadIOPSDevice, "riops");
    add(io.throttleWriteIOPSDevice, "wiops");
    for (const auto &[dev, limits] : lines)
        writeCgroupFile(leaf, "io.max", deviceNumber(dev.first, dev.second) + limits,
                        WriteMode::Command);
}

// blkio.throttle.io_service_bytes*: "8:0 Read 4096" … "8:0 Total 8192", then "Total 8192".
void sumV1ServiceBytes(const std::string &text, CgroupStats &out)
{
    std::istringstream lines(text);
    std::string device, op;
    uint64_t bytes = 0;
    for (std::string line; std::getline(lines, line);) {
        std::istringstream words(line);
        if (!(words >> device >> op >> bytes))
            continue; // the final "Total N" has two words
        if (op == "Read")
            out.blockReadBytes += bytes;
        else if (op == "Write")
            out.blockWriteBytes += bytes;
    }
}

// io.stat: "8:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0" per device.
void sumV2IoStat(const std::string &text, CgroupStats &out)
{
    std::istringstream words(text);
    for (std::string word; words >> word;) {
        const size_t eq = word.find('=');
        if (eq == std::string::npos)
            continue; // the device number
        const std::string_view key = std::string_view(word).substr(0, eq);
        const uint64_t value = parseCount(std::string_view(word).substr(eq + 1)).value_or(0);
        if (key == "rbytes")
            out.blockReadBytes += value;
        else if (key == "wbytes")
            out.blockWriteBytes += value;
    }
}

} // namespace

bool BlockIoController::hasLimits(const BlockIoResources &io)
{
    return io.weight || !io.weightDevice.empty() || !io.throttleReadBpsDevice.empty() ||
           !io.throttleWriteBpsDevice.empty() || !io.throttleReadIOPSDevice.empty() ||
           !io.throttleWriteIOPSDevice.empty();
}

void BlockIoController::applyV1(const Dir &dir, const BlockIoResources &io)
{
    if (io.weight && *io.weight != 0)
        writeCgroupFile(dir, v1WeightFile(dir, ""), std::to_string(*io.weight));
    for (const WeightDevice &dev : io.weightDevice) {
        if (dev.weight)
            writeCgroupFile(dir, v1WeightFile(dir, "_device"),
                            deviceNumber(dev.major, dev.minor) + " " + std::to_string(*dev.weight),
                            WriteMode::Command);
    }
    writeV1Throttle(dir, "blkio.throttle.read_bps_device", io.throttleReadBpsDevice);
    writeV1Throttle(dir, "blkio.throttle.write_bps_device", io.throttleWriteBpsDevice);
    writeV1Throttle(dir, "blkio.throttle.read_iops_device", io.throttleReadIOPSDevice);
    writeV1Throttle(dir, "blkio.throttle.write_iops_device", io.throttleWriteIOPSDevice);
}

void BlockIoController::applyV2(const Dir &leaf, const BlockIoResources &io)
{
    applyV2Weights(leaf, io);
    applyV2Max(leaf, io);
}

void BlockIoController::statsV1(const Dir &dir, StatsFiles &files, CgroupStats &out)
{
    // The recursive file counts the container's own sub-cgroups too; kernels before 4.x
    // have only the plain one.
    std::optional<std::string> text =
        files.readIfPresent(dir.file("blkio.throttle.io_service_bytes_recursive"));
    if (!text)
        text = files.read(dir, "blkio.throttle.io_service_bytes");
    if (text)
        sumV1ServiceBytes(*text, out);
}

void BlockIoController::statsV2(const Dir &leaf, StatsFiles &files, CgroupStats &out)
{
    if (const std::optional<std::string> text = files.read(leaf, "io.stat"))
        sumV2IoStat(*text, out);
}

} // namespace hako::cgroup_detail
