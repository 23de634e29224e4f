#include "engine.h"

#include "engine_network_support.h"
#include "error.h"
#include "fs.h"
#include "namespace_joins.h"
#include "proc.h"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

namespace hako {

namespace {

void applyImageDefaults(Spec &spec, const Image &image)
{
    spec.root.path = image.rootfs;
    if (spec.process.args.empty()) {
        spec.process.args = image.config.entrypoint;
        spec.process.args.insert(spec.process.args.end(), image.config.cmd.begin(),
                                 image.config.cmd.end());
    }
    // The image's variables come first; the spec's override them.
    for (const auto &var : image.config.env) {
        const std::string key = var.substr(0, var.find('='));
        const bool overridden = std::any_of(spec.process.env.begin(), spec.process.env.end(),
            [&](const std::string &e) { return e.substr(0, e.find('=')) == key; });
        if (!overridden)
            spec.process.env.push_back(var);
    }
    if (spec.process.cwd.empty() || (spec.process.cwd == "/" && !image.config.workingDir.empty()))
        spec.process.cwd = image.config.workingDir.empty() ? "/" : image.config.workingDir;
}

// --userns=remap (kUsernsRemapAnnotation): a user namespace whose mappings come from the
// remap user's subordinate ranges, unless the spec gives its own.
void applyUsernsRemap(Spec &spec, const SubIdFiles &files)
{
    const auto remap = spec.annotations.find(std::string(kUsernsRemapAnnotation));
    if (remap == spec.annotations.end())
        return;
    if (!spec.hasNamespace(NamespaceType::User))
        spec.linux.namespaces.push_back({NamespaceType::User, ""});
    if (!spec.findNamespace(NamespaceType::User)->path.empty())
        throw SpecError("annotations[\"" + remap->first + "\"]: a remapped user namespace is "
                        "created, not joined (linux.namespaces gives a path for it)");
    if (!spec.linux.uidMappings.empty() || !spec.linux.gidMappings.empty())
        return;
    const std::string user = remap->second.empty() ? std::string(kDefaultRemapUser) : remap->second;
    RemapMappings mappings = remapMappings(user, files);
    spec.linux.uidMappings = std::move(mappings.uidMappings);
    spec.linux.gidMappings = std::move(mappings.gidMappings);
}

void checkRunnable(const Spec &spec)
{
    std::vector<SpecIssue> issues = validateSpec(spec);
    if (!spec.hasNamespace(NamespaceType::Mount))
        issues.push_back({"linux.namespaces", "a mount namespace is required (the container's "
                                              "root is built inside it)"});
    if (const Namespace *mnt = spec.findNamespace(NamespaceType::Mount); mnt && !mnt->path.empty())
        issues.push_back({"linux.namespaces", "joining another mount namespace is not supported"});
    if (issues.empty())
        return;
    std::string text;
    for (const auto &issue : issues)
        text += (text.empty() ? "" : "\n") + issue.text();
    throw SpecError(text);
}

// Docker's VOLUME instruction: each path the image declares gets an anonymous volume unless
// the spec already mounts something there.
void addImageVolumes(Spec &spec, const Image &image)
{
    for (const auto &path : image.config.volumes) {
        const bool covered = std::any_of(spec.mounts.begin(), spec.mounts.end(),
                                         [&](const Mount &m) { return m.destination == path; });
        if (!covered)
            spec.mounts.push_back(Mount{path, "volume", "", {"rw"}});
    }
}

// Every "volume" mount names a volume that exists once the container does (Docker creates a
// named one on first use); an empty source gets a new anonymous volume, whose name is written
// back into the spec. Names are all checked before anything is created. Returns the
// anonymous volumes made, for the caller to remove should the create fail.
std::vector<std::string> prepareVolumes(Spec &spec, const VolumeStore &volumes)
{
    for (size_t i = 0; i < spec.mounts.size(); ++i) {
        Mount &m = spec.mounts[i];
        if (m.type != "volume" || m.source.empty())
            continue;
        try {
            volumes.get(m.source); // a bad name ("../x", "/etc") throws SpecError naming it
        } catch (const SpecError &e) {
            throw SpecError("mounts[" + std::to_string(i) + "].source: " + e.what());
        } catch (const NotFoundError &) {
        }
    }
    std::vector<std::string> anonymous;
    try {
        for (Mount &m : spec.mounts) {
            if (m.type != "volume")
                continue;
            if (m.source.empty()) {
                m.source = generateId();
                volumes.create(m.source, {}, false, true);
                anonymous.push_back(m.source);
            } else {
                volumes.create(m.source, {}, true);
            }
        }
    } catch (...) {
        for (const auto &name : anonymous)
            volumes.remove(name, true, {});
        throw;
    }
    return anonymous;
}

} // namespace

Engine::Engine(EngineOptions options)
    : options_(std::move(options)), store_(options_.stateRoot),
      images_(options_.stateRoot, options_.busyboxBinary), volumes_(options_.stateRoot),
      networks_(options_.stateRoot)
{
}

std::string Engine::create(CreateRequest request)
{
    const std::string id = generateId();
    const std::string name = request.name.empty() ? id.substr(0, 12) : request.name;
    if (const std::string why = validateName(name); !why.empty())
        throw SpecError(why);
    Spec spec = std::move(request.spec);
    const Image image = images_.get(request.image.empty() ? "busybox" : request.image);
    applyImageDefaults(spec, image);
    addImageVolumes(spec, image);
    applyUsernsRemap(spec, options_.subIds);
    if (spec.hostname.empty() && spec.hasNamespace(NamespaceType::Uts) &&
        !joinedContainer(spec, NamespaceType::Uts))
        spec.hostname = id.substr(0, 12);
    checkRunnable(spec);
    checkJoinTargets(spec, [this](const std::string &target) { return store_.loadState(target); });
    nameNetworksByName(spec, networks_);

    const FileLock lock = store_.lockAll();
    if (!store_.claimName(name, id))
        throw ExistsError("the container name \"" + name + "\" is already in use");
    std::vector<std::string> anonymousVolumes;
    try {
        anonymousVolumes = prepareVolumes(spec, volumes_);
    } catch (...) {
        store_.releaseName(name, id);
        throw;
    }
    // Built under a temporary name and renamed in: a half-made container is never listed.
    const std::string staging = store_.containersDir() + "/.new-" + id;
    try {
        // 0700: no host user may reach into the container's writable layer (a setuid binary
        // the container put there would be a root shell for them). With a user namespace the
        // monitor opens it to the mapped root's group only (see ownByMappedRoot).
        makeDirs(staging, 0700);
        // Each file's content is synced; the one directory sync after the rename makes the
        // whole container durable at once.
        writeFileAtomic(staging + "/config.json", toJsonText(spec), 0600, Durability::FileOnly);
        ContainerState state;
        state.id = id;
        state.name = name;
        state.image = request.image.empty() ? image.name : request.image;
        state.imageId = image.id;
        state.status = Status::Created;
        state.createdAt = nowUnixNanos();
        writeFileAtomic(staging + "/state.json", toJson(state).dump(2) + "\n", 0644,
                        Durability::FileOnly);
        if (::rename(staging.c_str(), store_.containerDir(id).c_str()) < 0)
            throwSys("rename", store_.containerDir(id));
        syncDirectory(store_.containersDir());
    } catch (...) {
        removeTree(staging);
        store_.releaseName(name, id);
        for (const auto &volume : anonymousVolumes)
            volumes_.remove(volume, true, {});
        throw;
    }
    return id;
}

ContainerState Engine::refreshedState(const std::string &id) const
{
    ContainerState state = store_.loadState(id);
    const bool live = state.status == Status::Running || state.status == Status::Paused;
    if (!live || isAlive(state.monitor))
        return state;
    // The monitor is gone (killed, or the machine restarted) without recording the end.
    if (isAlive(state.pid)) {
        state.error = "supervision lost: hako-monitor is gone, the container still runs";
        return state;
    }
    // Repaired on disk only under the container's lock, so a concurrent start or the
    // monitor's own final write is never overwritten. When the lock is busy (someone is
    // changing this container right now) the repaired view is returned without saving.
    std::optional<FileLock> lock;
    try {
        lock = store_.tryLockContainer(id);
    } catch (const NotFoundError &) {
    }
    state = store_.loadState(id); // the monitor may have just finished writing
    if (state.status == Status::Stopped || isAlive(state.monitor))
        return state;
    state.status = Status::Stopped;
    state.error = "hako-monitor ended before the container's exit status was recorded";
    state.pid = {};
    state.monitor = {};
    if (state.finishedAt == 0)
        state.finishedAt = nowUnixNanos();
    if (lock)
        store_.saveState(state);
    return state;
}

ContainerState Engine::state(const std::string &nameOrId) const
{
    return refreshedState(store_.resolve(nameOrId));
}

std::vector<ContainerState> Engine::list() const
{
    std::vector<ContainerState> states;
    for (const auto &id : store_.listIds()) {
        try {
            states.push_back(refreshedState(id));
        } catch (const NotFoundError &) {
            // Removed while we listed.
        }
    }
    return states;
}

ContainerInfo Engine::inspect(const std::string &nameOrId) const
{
    const std::string id = store_.resolve(nameOrId);
    ContainerInfo info;
    info.state = refreshedState(id);
    const ParseResult parsed = parseSpec(readFile(store_.configPath(id)));
    if (!parsed.ok())
        throw Error(store_.configPath(id) + ": " + parsed.errorText());
    info.spec = *parsed.spec;
    if (info.state.status != Status::Running && info.state.status != Status::Paused)
        return info;
    const std::string theirs = "/proc/" + std::to_string(info.state.pid.pid) + "/ns/";
    for (const char *kind : {"cgroup", "ipc", "mnt", "net", "pid", "user", "uts"}) {
        NamespaceInfo ns{kind, namespaceInode(theirs + kind), namespaceInode(std::string("/proc/self/ns/") + kind)};
        if (isAlive(info.state.pid))
            info.namespaces.push_back(ns);
    }
    try {
        info.endpoints = readEndpoints(endpointsPath(store_, id));
    } catch (const std::exception &) {
        // Torn by a crash (it is written without fsync) or mid-rewrite by a connect: inspect
        // still answers, without addresses, rather than fail.
    }
    return info;
}

} // namespace hako
