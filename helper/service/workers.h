// The helper's worker threads. Two pools, so that calls which block until something happens
// in a container (WaitContainer, WaitExec, FollowLogs) can never starve the quick ones.
#pragma once

#include <QThreadPool>

namespace hako::helper {

struct Workers {
    // create/start/stop/remove/inspect/scans: bounded, each finishes on its own.
    static QThreadPool &quick()
    {
        static QThreadPool *pool = [] {
            auto *p = QThreadPool::globalInstance();
            p->setMaxThreadCount(32);
            return p;
        }();
        return *pool;
    }
    // Waits that last as long as a container or a session runs.
    static QThreadPool &blocking()
    {
        static QThreadPool pool;
        static const bool configured = [] {
            pool.setMaxThreadCount(1024);
            pool.setExpiryTimeout(10000);
            return true;
        }();
        (void)configured;
        return pool;
    }
};

} // namespace hako::helper
