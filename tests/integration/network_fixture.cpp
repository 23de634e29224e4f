#include "network_fixture.h"

#include "fs.h"
#include "netlink.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <sstream>

namespace hako::test
{

namespace
{

std::string readAll(int fd, int timeoutMs)
{
    std::string out;
    char buf[4096];
    for (;;) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeoutMs) <= 0)
            break;
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out.append(buf, static_cast<size_t>(n));
    }
    return out;
}

} // namespace

Spec NetworkEngineTest::onNetworks(const std::string &script, const std::string &networks,
                                   const std::vector<std::string> &ports)
{
    Spec spec = shellSpec(script);
    NetworkSettings settings;
    for (size_t start = 0; start <= networks.size();) {
        const size_t comma = networks.find(',', start);
        settings.networks.push_back(networks.substr(start, comma - start));
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    for (const std::string &text : ports) {
        std::string error;
        const std::optional<PortMapping> mapping = parsePortMapping(text, &error);
        if (!mapping)
            throw std::runtime_error(error);
        settings.ports.push_back(*mapping);
    }
    setNetworkSettings(spec, settings);
    return spec;
}

std::string NetworkEngineTest::runWeb(const std::string &name, const std::string &networks,
                                      const std::vector<std::string> &ports)
{
    const std::string id = run(onNetworks("mkdir -p /www && echo hello-from-" + name +
                                              " > /www/index.html && exec httpd -f -p 8080 -h /www",
                                          networks, ports),
                               name);
    if (!waitListening(id, 8080))
        throw std::runtime_error("httpd in " + name + " did not listen: " + output(id));
    return id;
}

std::string NetworkEngineTest::runIdle(const std::string &name, const std::string &networks)
{
    return run(onNetworks("sleep 1000", networks), name);
}

ExecOutput NetworkEngineTest::execIn(const std::string &id, const std::vector<std::string> &args)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) < 0)
        throw std::runtime_error("pipe failed");
    UniqueFd readEnd(fds[0]), writeEnd(fds[1]);
    ExecRequest request;
    request.args = args;
    request.stdoutFd = writeEnd.get();
    request.stderrFd = writeEnd.get();
    ExecSession session = engine_->exec(id, request);
    writeEnd.reset();
    ExecOutput result;
    result.out = readAll(readEnd.get(), 10000);
    result.code = session.wait();
    return result;
}

ExecOutput NetworkEngineTest::fetchFrom(const std::string &id, const std::string &url)
{
    return execIn(id, {"timeout", "3", "wget", "-q", "-O-", url});
}

std::string NetworkEngineTest::addressOn(const std::string &id, const std::string &network)
{
    for (const Endpoint &endpoint : engine_->inspect(id).endpoints)
        if (endpoint.networkName == network)
            return formatIpv4(endpoint.address);
    return {};
}

bool NetworkEngineTest::waitListening(const std::string &id, int port)
{
    char hex[8];
    std::snprintf(hex, sizeof hex, ":%04X", port);
    const std::string net = "/proc/" + std::to_string(engine_->state(id).pid.pid) + "/net/";
    return eventually([&] {
        // busybox httpd listens on IPv6's any address (dual stack) where it can.
        std::istringstream in(readFile(net + "tcp") + readFile(net + "tcp6"));
        for (std::string line; std::getline(in, line);) {
            const std::vector<std::string> words = splitWords(line);
            // sl local_address rem_address st: 0A is LISTEN
            if (words.size() > 3 && words[1].ends_with(hex) && words[3] == "0A")
                return true;
        }
        return false;
    });
}

std::vector<std::string> NetworkEngineTest::leaseFiles()
{
    std::vector<std::string> files;
    const std::filesystem::path networks = root_ + "/networks";
    if (!std::filesystem::exists(networks))
        return files;
    for (const auto &network : std::filesystem::directory_iterator(networks)) {
        const std::filesystem::path leases = network.path() / "leases";
        if (!std::filesystem::is_directory(leases))
            continue;
        for (const auto &lease : std::filesystem::directory_iterator(leases))
            files.push_back(lease.path().string());
    }
    return files;
}

NetworkConfig NetworkEngineTest::makeNetwork(const std::string &name, const std::string &subnet,
                                             bool icc)
{
    NetworkCreateOptions options;
    options.subnet = subnet;
    options.icc = icc;
    return engine_->createNetwork(name, options);
}

std::optional<std::string> httpGet(const std::string &address, int port)
{
    const UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, address.c_str(), &to.sin_addr);
    if (::connect(fd.get(), reinterpret_cast<const sockaddr *>(&to), sizeof to) < 0 &&
        errno != EINPROGRESS)
        return std::nullopt;
    pollfd p{fd.get(), POLLOUT, 0};
    int error = 0;
    socklen_t length = sizeof error;
    if (::poll(&p, 1, 3000) <= 0 ||
        ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length) < 0 || error != 0)
        return std::nullopt;
    const std::string request = "GET / HTTP/1.0\r\nHost: test\r\n\r\n";
    if (::write(fd.get(), request.data(), request.size()) != static_cast<ssize_t>(request.size()))
        return std::nullopt;
    const std::string response = readAll(fd.get(), 3000);
    const size_t body = response.find("\r\n\r\n");
    if (body == std::string::npos)
        return std::nullopt;
    return response.substr(body + 4);
}

std::vector<std::string> linkNames()
{
    std::vector<std::string> names;
    for (const LinkInfo &link : RtNetlink().links())
        names.push_back(link.name);
    return names;
}

bool hasLinkStartingWith(const std::string &prefix)
{
    for (const std::string &name : linkNames())
        if (name.starts_with(prefix))
            return true;
    return false;
}

std::string nftTable(bool withHandles)
{
    FILE *pipe = ::popen(withHandles ? "nft -a list table ip hako 2>/dev/null"
                                     : "nft list table ip hako 2>/dev/null",
                         "r");
    if (!pipe)
        return {};
    std::string out;
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;)
        out.append(buf, n);
    ::pclose(pipe);
    return out;
}

bool inOwnNetworkNamespace()
{
    struct stat self {
    }, init{};
    if (::stat("/proc/self/ns/net", &self) == 0 && ::stat("/proc/1/ns/net", &init) == 0)
        return self.st_ino != init.st_ino || self.st_dev != init.st_dev;
    for (const std::string &name : linkNames())
        if (name != "lo" && !name.starts_with("hk-") && !name.starts_with("hako"))
            return false;
    return true;
}

} // namespace hako::test
