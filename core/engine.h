// The engine's verbs: create, start, stop, kill, remove, list, inspect, logs, wait, exec.
//
// Engine is a thin, stateless façade over the state root: every call reads what it needs
// from disk, so any number of processes (the helper, hakoctl, tests) can use the same root
// at once, and a container outlives whoever started it — its hako-monitor supervises it.
#pragma once

#include "effective_security.h"
#include "fd.h"
#include "image.h"
#include "network_store.h"
#include "isolation_check.h"
#include "proc.h"
#include "rootfs.h"
#include "spec.h"
#include "state.h"
#include "stats.h"
#include "sync.h"
#include "store.h"
#include "subids.h"
#include "volumes.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hako {

struct EngineOptions {
    std::string stateRoot = "/var/lib/hako";
    std::string monitorPath;   // empty: next to the running binary, else the installed one
    std::string cgroupRoot = "/sys/fs/cgroup";
    std::string busyboxBinary = "/bin/busybox";
    std::string probePath; // hako-probe; empty: next to the running binary, else the installed one
    // --userns=remap: where the remap user's subordinate ranges are (and the default user's
    // are allocated on first use).
    SubIdFiles subIds;
    // How a container with a user namespace sees the image's files owned by its own root
    // (see UserNamespaceLayers); passed on to hako-monitor.
    UserNamespaceLayers userNamespaceLayers = UserNamespaceLayers::Auto;
};

struct CreateRequest {
    std::string name;  // empty: generated
    std::string image; // "busybox"
    // root.path is filled from the image. Each mount of type "volume" names a volume (made
    // if missing, as Docker does; an empty source: a new anonymous one, named in the stored
    // spec); the image's VOLUME paths not mounted otherwise get anonymous ones.
    Spec spec;
};

// docker system df.
struct ImageUsage {
    Image image;
    uint64_t sharedBytes = 0; // in layers other images use too
    uint64_t uniqueBytes = 0;
    int containers = 0;
};
struct ContainerUsage {
    ContainerState state;
    uint64_t writableBytes = 0; // its upper dir
};
struct VolumeUsage {
    Volume volume;
    uint64_t bytes = 0;
    int links = 0; // containers that mount it
};
struct DiskUsage {
    std::vector<ImageUsage> images;
    std::vector<ContainerUsage> containers;
    std::vector<VolumeUsage> volumes;
    uint64_t layersBytes = 0; // every layer once
};

struct NamespaceInfo {
    std::string kind;    // "pid", "net", ...
    uint64_t inode = 0;  // the container's
    uint64_t hostInode = 0;
};

struct ContainerInfo {
    ContainerState state;
    Spec spec;
    std::vector<NamespaceInfo> namespaces; // while running
    std::vector<Endpoint> endpoints;       // while running: its interfaces on Hako networks
};

// docker network inspect: the record and the containers on it now.
struct NetworkDetails {
    NetworkConfig config;
    struct Member {
        std::string containerId, containerName;
        Endpoint endpoint; // while it runs; address only (from its lease) when it does not
        bool running = false;
    };
    std::vector<Member> containers;
};

// docker network connect --ip / --alias-less form.
struct ConnectOptions {
    std::optional<Ipv4Address> ipAddress;
};

struct LogLine {
    int64_t time = 0;   // unix nanoseconds
    std::string stream; // "stdout" / "stderr"
    std::string text;   // without the newline
    bool partial = false;
};

struct LogOptions {
    std::optional<size_t> tail; // last N lines; nullopt: all
    bool follow = false;        // keep reading until the container stops
    // With follow: a container that is not running is waited for until it starts, and the
    // reading ends when that run ends (docker start -a attaches before it starts).
    bool nextRun = false;
    // With follow: reading ends once this fd polls readable or reports an error (an eventfd,
    // or the write end of the reader's pipe, which reports an error once the reader is gone).
    int cancelFd = -1;
    // Called once the log is open and positioned, before the first line is delivered:
    // whatever the container writes from then on is read.
    std::function<void()> onReady;
};

struct ExecRequest {
    std::vector<std::string> args;
    std::vector<std::string> env; // added to the container's process env
    std::string cwd;              // empty: the container's
    std::optional<User> user;     // empty: the container's
    // docker exec -u: "NAME[:GROUP]" (names or numeric ids) looked up in the container's own
    // /etc/passwd and /etc/group (core/users.h); overrides `user` when set.
    std::string userSpec;
    bool tty = false;
    ConsoleSize size{24, 80};
    // The caller's fds for the process's stdio (ignored with tty: the pty is used).
    int stdinFd = -1; // -1: /dev/null
    int stdoutFd = 1;
    int stderrFd = 2;
    // A host file to execute instead of looking args[0] up in the container (args[0] is then
    // only argv[0]): an fd of a sealed memfd (see isolation_check.h), executed with
    // execveat(AT_EMPTY_PATH) so the container never sees a host path or a writable binary.
    int programFd = -1;
};

// A process started in a container by exec. Its exit code comes back from wait().
class ExecSession {
public:
    ExecSession(pid_t shimPid, UniqueFd control, UniqueFd ptyMaster);
    ExecSession(ExecSession &&) noexcept;
    ExecSession &operator=(ExecSession &&) = delete;
    ~ExecSession(); // kills and reaps the process if wait() was not called

    int ptyMaster() const { return ptyMaster_.get(); } // -1 without a tty
    UniqueFd takePtyMaster() { return std::move(ptyMaster_); }
    void resize(ConsoleSize size);
    int wait(); // exit code, or 128 + signal
    // Kills the process (its shim, whose death takes the process with it), so that a wait()
    // blocked on another thread returns. Safe from any thread, before or after the reaping.
    void terminate();

private:
    friend class Engine;
    pid_t shimPid_ = -1;
    UniqueFd shimPidfd_; // signals reach the shim, never a process that reused its pid
    UniqueFd control_;
    UniqueFd ptyMaster_;
    std::optional<int> exitStatus_;
};

class Engine {
public:
    explicit Engine(EngineOptions options = {});

    std::string create(CreateRequest request); // returns the id
    void start(const std::string &nameOrId);
    // SIGTERM (or the spec's stop signal), then SIGKILL after `timeout`.
    void stop(const std::string &nameOrId, std::chrono::seconds timeout = std::chrono::seconds(10));
    void kill(const std::string &nameOrId, int signal);
    void remove(const std::string &nameOrId, bool force = false);
    std::vector<ContainerState> list() const;
    ContainerInfo inspect(const std::string &nameOrId) const;
    ContainerState state(const std::string &nameOrId) const;
    // Calls `sink` for each line; with follow, returns once the container has stopped and its
    // log is read to the end, or when `sink` returns false.
    void logs(const std::string &nameOrId, const LogOptions &options,
              const std::function<bool(const LogLine &)> &sink) const;
    // Blocks until the container has run and is no longer running (one created and never
    // started is waited for until it has started and stopped); returns that state. Negative
    // timeout: forever. nullopt on timeout, or once `cancelFd` (if >= 0) polls readable or
    // reports an error.
    std::optional<ContainerState> wait(const std::string &nameOrId,
                                       std::chrono::milliseconds timeout = std::chrono::milliseconds(-1),
                                       int cancelFd = -1) const;
    ExecSession exec(const std::string &nameOrId, const ExecRequest &request) const;
    // A container whose process.terminal is true: its monitor holds the pty master.
    // resize() sets the window size; attach() hands over a copy of the master, for input
    // (the output keeps flowing into the log, where logs(follow) reads it). Without a
    // terminal but with an open stdin (kOpenStdinAnnotation), attach() hands over the write
    // end of the stdin pipe, once: closing it is the container's EOF.
    void resize(const std::string &nameOrId, ConsoleSize size) const;
    UniqueFd attach(const std::string &nameOrId) const;

    // docker pause / unpause: every process of the container frozen by the cgroup freezer
    // (v1 freezer.state, v2 cgroup.freeze), recorded as "paused" in state.json. A stop or
    // kill of a paused container delivers its signal and thaws it, so the signal is acted on.
    void pause(const std::string &nameOrId);
    void unpause(const std::string &nameOrId);
    // docker update: the fields set in `patch` replace those of the stored spec's
    // linux.resources (the rest stay), written to the cgroup at once while the container
    // runs. Returns the resources now in force. A refused value (SpecError naming the JSON
    // path, or the kernel's answer with the file) changes neither the spec nor the cgroup.
    // Device access rules cannot be updated (SpecError).
    Resources update(const std::string &nameOrId, const Resources &patch);
    // The figures of a running container (StateError when it is not running or paused).
    StatsReader statsReader(const std::string &nameOrId) const;
    // What the kernel applies to the container's PID 1 (StateError when it is not running).
    EffectiveSecurity effectiveSecurity(const std::string &nameOrId) const;
    // Runs the isolation check (isolation_check.h) against a running container (StateError
    // otherwise). Takes about as long as one exec.
    IsolationReport checkIsolation(const std::string &nameOrId) const;

    // Images and volumes (engine_images.cpp, engine_volumes.cpp): what needs to know which
    // containers use what.
    RemovedImage removeImage(const std::string &ref, bool force);
    PruneReport pruneImages(bool all);
    // docker commit: the container's writable layer as a new image (paused meanwhile if it
    // runs, as Docker does by default).
    Image commit(const std::string &nameOrId, const CommitOptions &options);
    // docker export: the container's whole filesystem (its image's layers and its own
    // changes, merged) as a tar written to `outFd`.
    void exportFilesystem(const std::string &nameOrId, int outFd) const;
    std::vector<std::string> containersUsingImage(const std::string &imageId) const; // names
    std::vector<std::string> containersUsingVolume(const std::string &volume) const; // names
    void removeVolume(const std::string &name, bool force);
    // docker rm -v, docker run --rm: remove(), then the anonymous volumes the container made
    // (those no other container mounts as well).
    void removeWithAnonymousVolumes(const std::string &nameOrId, bool force);
    DiskUsage diskUsage() const;

    // Networks (engine_network.cpp; docs/networking.md). Each takes the networks' lock.
    // docker network create: the record, then its bridge (up, with the gateway address).
    NetworkConfig createNetwork(const std::string &name, const NetworkCreateOptions &options);
    // StateError naming the containers (running or not) that are on it.
    void removeNetwork(const std::string &ref);
    std::vector<NetworkConfig> listNetworks() const; // the default network is made on first use
    NetworkDetails inspectNetwork(const std::string &ref) const;
    // A running container gets its new interface at once; a stopped one at its next start.
    void connectNetwork(const std::string &network, const std::string &container,
                        const ConnectOptions &options = {});
    void disconnectNetwork(const std::string &network, const std::string &container, bool force);
    // Brings networking in line with the state root: endpoints of containers that stopped
    // dropped, leases of containers that are gone released, bridges of removed networks
    // deleted, missing bridges of networks in use made, the firewall rebuilt from the running
    // containers, /etc/hosts of containers on user-defined networks rewritten. The engine
    // calls it after stop, kill, remove and a failed start; the helper at start-up and when a
    // container stops by itself. Safe to call at any time, from any process.
    void reconcileNetworks() const;
    // How many ports the running containers publish (each a firewall rule).
    size_t publishedPortsInForce() const;
    const NetworkStore &networks() const { return networks_; }

    const StateStore &store() const { return store_; }
    const ImageStore &images() const { return images_; }
    const VolumeStore &volumes() const { return volumes_; }
    const EngineOptions &options() const { return options_; }

    // hako-monitor: options.monitorPath, else beside the running binary, else the installed one.
    std::string monitorBinary() const;
    std::string probeBinary() const; // hako-probe, found the same way

private:
    ContainerState refreshedState(const std::string &id) const;
    // A request to the container's monitor (attach, resize); a monitor gone because the
    // container just ended is a StateError, like any verb on a stopped container.
    SyncMessage askMonitor(const std::string &id, const ContainerState &state, const std::string &text) const;
    void spawnMonitor(const std::string &id);
    // Start, before the monitor is spawned: leases, bridges, the endpoints' plan in
    // network.json, resolv.conf/hosts/hostname; the launch config gains their mounts. Throws
    // (changing nothing that outlives the start) on a port in use or a missing network.
    std::vector<Mount> prepareNetwork(const std::string &id, const Spec &spec);
    // Start, once the container runs: firewall and the neighbours' /etc/hosts.
    void networkStarted(const std::string &id);
    // A failed start: its network plan dropped and the rest reconciled (errors ignored).
    void abandonNetwork(const std::string &id) const;
    void setPaused(const std::string &nameOrId, bool paused);
    // After a stop, kill or forced removal signalled a paused container: thaws it (a v1
    // freezer holds even SIGKILL) and records it as running, under the container's lock.
    void thawAfterSignal(const std::string &id);

    EngineOptions options_;
    StateStore store_;
    ImageStore images_;
    VolumeStore volumes_;
    NetworkStore networks_;
};

} // namespace hako
