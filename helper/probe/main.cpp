#include "probe.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

using namespace hako::probe;

int main()
{
    nlohmann::json report;
    report["probe"] = 1; // the report's format version
    report["process"] = processView();
    report["namespaces"] = namespaceView();
    report["hostname"] = hostnameView();
    report["interfaces"] = networkView();
    report["ipc"] = ipcView();
    report["mounts"] = mountView();
    report["status"] = statusView();
    report["id_maps"] = idMapView();
    report["seccomp_experiments"] = seccompExperiments();
    report["cgroup"] = cgroupView();
    report["executable"] = executableView();
    // Strings the container controls (a hostname, a command line) need not be UTF-8.
    const std::string text =
        report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    const char *data = text.data();
    size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, data, left);
        if (n <= 0)
            return EXIT_FAILURE;
        data += n;
        left -= static_cast<size_t>(n);
    }
    return EXIT_SUCCESS;
}
