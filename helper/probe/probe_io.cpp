#include "probe.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hako::probe
{

std::string errnoName(int err)
{
    const char *name = ::strerrorname_np(err);
    return name ? name : "errno " + std::to_string(err);
}

std::string errnoText(int err)
{
    return errnoName(err) + " (" + std::strerror(err) + ")";
}

void fail(const std::string &what, int err)
{
    throw ProbeError(what + ": " + errnoText(err));
}

std::string readText(const std::string &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fail("open " + path);
    std::string text;
    char buf[4096];
    // The files read here are small; the cap keeps a hostile bind mount from exhausting us.
    constexpr size_t kLimit = 1 << 20;
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            fail("read " + path, err);
        }
        if (n == 0 || text.size() > kLimit)
            break;
        text.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return text;
}

std::vector<std::string> lines(const std::string &text)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

} // namespace hako::probe
