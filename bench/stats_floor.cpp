// bench_stats_floor [--rounds N] [--state-root DIR]: what one stats sample of one container
// costs through core's StatsReader (what hako-helper does for each watched container every
// interval) against two floors, with no parsing: opening, reading and closing the same kernel
// files directly, and re-reading them from offset 0 through descriptors kept open (what the
// reader does). Runs over every running container of the state root (bench/stats_watch.sh
// starts 100). Prints medians per sample in microseconds and the ratios.
//
// A benchmark, not a test: it exits non-zero only when it cannot run (not root, no running
// container).
#include "cgroup.h"
#include "engine.h"
#include "error.h"
#include "stats.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Watched {
    std::string id;
    hako::ProcessId pid;
};

// The files that hold a v1 container's published figures; on a v2 host their counterparts.
std::vector<std::string> floorFiles(const hako::CgroupLayout &layout, const Watched &c)
{
    const std::string cg = "/hako/" + c.id;
    const std::string net = "/proc/" + std::to_string(c.pid.pid) + "/net/dev";
    if (layout.version == hako::CgroupVersion::V2) {
        const std::string dir = layout.root + cg;
        return {dir + "/cpu.stat", dir + "/cpu.max",     dir + "/memory.current",
                dir + "/memory.stat", dir + "/memory.max", dir + "/memory.events",
                dir + "/pids.current", dir + "/pids.max",  dir + "/io.stat",
                dir + "/cgroup.freeze", net};
    }
    const std::string root = layout.root;
    return {root + "/cpuacct" + cg + "/cpuacct.usage",
            root + "/cpu" + cg + "/cpu.cfs_quota_us",
            root + "/cpu" + cg + "/cpu.cfs_period_us",
            root + "/memory" + cg + "/memory.usage_in_bytes",
            root + "/memory" + cg + "/memory.stat",
            root + "/memory" + cg + "/memory.limit_in_bytes",
            root + "/memory" + cg + "/memory.oom_control",
            root + "/pids" + cg + "/pids.current",
            root + "/pids" + cg + "/pids.max",
            root + "/blkio" + cg + "/blkio.throttle.io_service_bytes_recursive",
            root + "/freezer" + cg + "/freezer.state",
            net};
}

char buffer[16384];

// One open/read/close per file: the least a reader that opens the files each time can do.
size_t readAll(const std::vector<std::string> &files)
{
    size_t total = 0;
    for (const std::string &file : files) {
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ssize_t n;
        while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
            total += static_cast<size_t>(n);
        ::close(fd);
    }
    return total;
}

// One pread from offset 0 per file kept open: the least any reader can do.
size_t rereadAll(const std::vector<int> &fds)
{
    size_t total = 0;
    for (const int fd : fds) {
        const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
        if (n > 0)
            total += static_cast<size_t>(n);
    }
    return total;
}

std::vector<int> openAll(const std::vector<std::string> &files)
{
    std::vector<int> fds;
    for (const std::string &file : files) {
        const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0)
            fds.push_back(fd); // closed at exit
    }
    return fds;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

double microsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    int rounds = 20;
    hako::EngineOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--rounds" && i + 1 < argc)
            rounds = std::max(3, std::atoi(argv[++i]));
        else if (arg == "--state-root" && i + 1 < argc)
            options.stateRoot = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_stats_floor [--rounds N] [--state-root DIR]\n");
            return 2;
        }
    }
    if (::geteuid() != 0) {
        std::fprintf(stderr, "bench_stats_floor: run as root (cgroup and /proc files)\n");
        return 1;
    }
    try {
        const hako::Engine engine(options);
        const hako::CgroupLayout layout = hako::CgroupLayout::detect(options.cgroupRoot);
        std::vector<Watched> watched;
        for (const hako::ContainerState &state : engine.list()) {
            if (state.status == hako::Status::Running)
                watched.push_back({state.id, state.pid});
        }
        if (watched.empty()) {
            std::fprintf(stderr, "bench_stats_floor: no running container in %s\n",
                         options.stateRoot.c_str());
            return 1;
        }
        std::vector<hako::StatsReader> readers;
        std::vector<std::vector<std::string>> files;
        std::vector<std::vector<int>> openFiles;
        for (const Watched &c : watched) {
            readers.push_back(engine.statsReader(c.id));
            files.push_back(floorFiles(layout, c));
            openFiles.push_back(openAll(files.back()));
        }

        // Per container and sample, in µs: [0] open/read/close, [1] pread, [2] StatsReader.
        std::vector<double> perSample[3];
        size_t sink = 0;
        for (int round = 0; round < rounds; ++round) {
            // Rotate which goes first, so the caches and the CPU's state favour none.
            for (int pass = 0; pass < 3; ++pass) {
                const int which = (pass + round) % 3;
                const Clock::time_point start = Clock::now();
                if (which == 0) {
                    for (const auto &list : files)
                        sink += readAll(list);
                } else if (which == 1) {
                    for (const auto &fds : openFiles)
                        sink += rereadAll(fds);
                } else {
                    for (const hako::StatsReader &reader : readers)
                        sink += reader.read().cgroup.pids;
                }
                perSample[which].push_back(microsSince(start) / static_cast<double>(watched.size()));
            }
        }
        const double opened = median(perSample[0]);
        const double reread = median(perSample[1]);
        const double reader = median(perSample[2]);
        std::printf("stats sample cost, %zu running containers, %d rounds (%s cgroups)\n",
                    watched.size(), rounds,
                    layout.version == hako::CgroupVersion::V2 ? "v2" : "v1");
        std::printf("floor, open+read+close of %zu files   median %7.1f us per container\n",
                    files.front().size(), opened);
        std::printf("floor, pread of the same files kept open median %7.1f us per container\n",
                    reread);
        std::printf("StatsReader::read (kept open, parsed)   median %7.1f us per container\n",
                    reader);
        std::printf("ratio reader/pread floor %.2f, reader/open floor %.2f   (checksum %zu)\n",
                    reader / reread, reader / opened, sink % 10);
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_stats_floor: %s\n", e.what());
        return 1;
    }
}
