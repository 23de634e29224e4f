// An inotify instance whose close does not hold up its owner. Closing one waits for an RCU
// grace period (~15 ms on these machines); a waiter or a log follower that paid it would sit
// that long between a container's exit and the answer (the end of `hakoctl run`'s output,
// the reply to WaitContainer). The close happens on a detached thread instead.
#pragma once

#include "fd.h"

#include <string>

namespace hako {

class InotifyWatch {
public:
    InotifyWatch() = default;
    // inotify_init1 + inotify_add_watch(dir, mask); throws SysError naming `dir`.
    InotifyWatch(const std::string &dir, uint32_t mask);
    InotifyWatch(InotifyWatch &&) noexcept = default;
    InotifyWatch &operator=(InotifyWatch &&) noexcept;
    InotifyWatch(const InotifyWatch &) = delete;
    InotifyWatch &operator=(const InotifyWatch &) = delete;
    ~InotifyWatch();

    int get() const { return fd_.get(); }
    explicit operator bool() const { return bool(fd_); }
    void drainEvents() const; // reads what is queued; the events themselves do not matter

private:
    void closeInBackground();
    UniqueFd fd_;
};

} // namespace hako
