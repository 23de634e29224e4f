#include "inotify_watch.h"

#include "error.h"

#include <sys/inotify.h>
#include <unistd.h>

#include <system_error>
#include <thread>

namespace hako {

InotifyWatch::InotifyWatch(const std::string &dir, uint32_t mask)
    : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK))
{
    if (!fd_ || ::inotify_add_watch(fd_.get(), dir.c_str(), mask) < 0)
        throwSys("watch", dir);
}

InotifyWatch &InotifyWatch::operator=(InotifyWatch &&other) noexcept
{
    if (this != &other) {
        closeInBackground();
        fd_ = std::move(other.fd_);
    }
    return *this;
}

InotifyWatch::~InotifyWatch()
{
    closeInBackground();
}

void InotifyWatch::drainEvents() const
{
    char events[4096];
    while (::read(fd_.get(), events, sizeof events) > 0) {
    }
}

void InotifyWatch::closeInBackground()
{
    if (!fd_)
        return;
    try {
        std::thread([closing = std::move(fd_)] {}).detach();
    } catch (const std::system_error &) {
        // No thread to be had: pay the grace period here (fd_ still holds it if the move did
        // not happen; UniqueFd closes it either way).
    }
    fd_.reset();
}

} // namespace hako
