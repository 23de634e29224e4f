// The isolation check's report (isolation_check.h) and the judge's namespace rules: pid,
// hostname, network, ipc and mount are each judged from the kernel's namespace inodes (read
// on the host) and what the probe saw from inside.
#include "isolation_check.h"

#include "isolation_judge.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace hako
{

std::string_view verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Isolated:
        return "isolated";
    case Verdict::Weakened:
        return "weakened";
    case Verdict::Failed:
        return "failed";
    case Verdict::Unknown:
        break;
    }
    return "unknown";
}

nlohmann::json toJson(const IsolationReport &report)
{
    nlohmann::json checks = nlohmann::json::array();
    for (const IsolationCheck &c : report.checks)
        checks.push_back({{"Check", c.key},
                          {"Verdict", verdictName(c.verdict)},
                          {"Summary", c.summary},
                          {"Evidence", c.evidence}});
    return {{"Id", report.id}, {"Name", report.name}, {"Checks", checks}};
}

namespace isolation_detail
{

std::string nsText(const std::string &kind, uint64_t inode)
{
    return inode ? kind + ":[" + std::to_string(inode) + "]" : kind + ": unreadable";
}

std::string joined(const std::vector<std::string> &words, const std::string &separator)
{
    std::string out;
    for (const std::string &w : words)
        out += (out.empty() ? "" : separator) + w;
    return out;
}

} // namespace isolation_detail

namespace
{

using namespace isolation_detail;

struct NamespaceKey {
    const char *key;  // the check's key
    const char *kind; // /proc/<pid>/ns/<kind>
    NamespaceType type;
    const char *title; // "PID", for the summary
};

// What the probe's own view says, beside the namespace inodes.
struct View {
    bool agrees = true;    // consistent with the namespace being the container's own
    bool weakened = false; // own, but the spec opens it up (bind mounts of host paths)
    std::string unknown;   // set when the view needed for an own namespace is missing
    std::string summary;
    std::vector<std::string> evidence;
};

struct Inputs {
    const Spec &spec;
    const ProbeReport &probe;
    const HostFacts &host;
};

std::string commandText(const std::vector<std::string> &args)
{
    return args.empty() ? "(none)" : joined(args);
}

View pidView(const Inputs &in, bool shared)
{
    View v;
    const auto &init = in.probe.initCommand;
    v.evidence.push_back("inside: cat /proc/1/cmdline → " +
                         (init.ok() ? commandText(*init) : init.why));
    if (in.probe.processCount.ok())
        v.evidence.push_back(
            "inside: ls /proc → " + std::to_string(*in.probe.processCount) + " processes" +
            (in.probe.pid.ok() ? " (the probe is PID " + std::to_string(*in.probe.pid) + ")" : ""));
    else
        v.evidence.push_back("inside: ls /proc → " + in.probe.processCount.why);
    v.evidence.push_back("host: cat /proc/" + std::to_string(in.host.containerPid) + "/cmdline → " +
                         commandText(in.host.containerCommand));
    const std::string count = in.probe.processCount.ok()
                                  ? ", " + std::to_string(*in.probe.processCount) + " processes"
                                  : "";
    if (!init.ok()) {
        v.unknown = "the probe could not read PID 1's command line: " + init.why;
        return v;
    }
    v.summary = "PID 1 is `" + commandText(*init) + "`" + count;
    if (!shared && !in.host.containerCommand.empty() && *init != in.host.containerCommand) {
        v.agrees = false;
        v.summary = "PID 1 inside is `" + commandText(*init) + "`, not the container's `" +
                    commandText(in.host.containerCommand) + "`";
    }
    return v;
}

View hostnameView(const Inputs &in, bool shared)
{
    View v;
    const auto &name = in.probe.hostname;
    v.evidence.push_back("inside: hostname → " + (name.ok() ? *name : name.why));
    v.evidence.push_back("host: hostname → " + in.host.hostname);
    if (!name.ok()) {
        v.unknown = "the probe could not read the hostname: " + name.why;
        return v;
    }
    v.summary = "hostname is `" + *name + "`";
    if (shared)
        return v;
    if (!in.spec.hostname.empty() && *name != in.spec.hostname) {
        v.agrees = false;
        v.summary =
            "the hostname inside is `" + *name + "`, the spec's is `" + in.spec.hostname + "`";
    } else if (in.spec.hostname.empty() && *name == in.host.hostname) {
        v.agrees = false;
        v.summary = "the hostname inside is the host's `" + *name + "`";
    }
    return v;
}

View networkView(const Inputs &in, bool shared)
{
    View v;
    const auto &links = in.probe.interfaces;
    v.evidence.push_back("inside: cat /proc/net/dev → " +
                         (links.ok() ? joined(*links, ", ") : links.why));
    v.evidence.push_back("host: cat /proc/net/dev → " + joined(in.host.interfaces, ", "));
    if (!links.ok()) {
        v.unknown = "the probe could not list the interfaces: " + links.why;
        return v;
    }
    std::vector<std::string> hostsOwn;
    for (const std::string &link : *links)
        if (link != "lo" && std::ranges::find(in.host.interfaces, link) != in.host.interfaces.end() &&
            std::ranges::find(in.host.ownInterfaces, link) == in.host.ownInterfaces.end())
            hostsOwn.push_back(link);
    if (!in.host.ownInterfaces.empty())
        v.evidence.push_back("Hako's veths for it: " + joined(in.host.ownInterfaces, ", "));
    v.summary = "sees " + (links->empty() ? std::string("no interface") : joined(*links, ", "));
    if (!shared && !hostsOwn.empty()) {
        v.agrees = false;
        v.summary = "sees the host's interfaces " + joined(hostsOwn, ", ");
    }
    return v;
}

std::string countText(const Probed<int64_t> &count)
{
    return count.ok() ? std::to_string(*count) : "? (" + count.why + ")";
}

View ipcView(const Inputs &in, bool)
{
    View v;
    const ProbeReport &p = in.probe;
    v.summary = countText(p.shmSegments) + " shared memory segments, " +
                countText(p.messageQueues) + " message queues, " + countText(p.semaphoreSets) +
                " semaphore sets";
    v.evidence.push_back("inside: ipcs (wc -l /proc/sysvipc/shm, msg, sem) → " + v.summary);
    return v;
}

bool isVirtualFs(const std::string &type)
{
    static const std::set<std::string> kVirtual = {
        "proc",    "sysfs",      "tmpfs",   "devtmpfs", "devpts",  "mqueue",     "cgroup",
        "cgroup2", "securityfs", "debugfs", "tracefs",  "fusectl", "binfmt_misc"};
    return kVirtual.contains(type);
}

bool isSpecBind(const Spec &spec, const std::string &destination)
{
    return std::ranges::any_of(spec.mounts, [&](const Mount &m) {
        const bool bind = m.type == "bind" ||
                          std::ranges::find(m.options, "bind") != m.options.end() ||
                          std::ranges::find(m.options, "rbind") != m.options.end();
        return bind && m.destination == destination;
    });
}

std::string mountText(const MountEntry &m)
{
    return m.mountPoint + " ← " + m.source + ":" + m.root + " (" + m.fsType + ", " + m.device + ")";
}

void judgeSubtrees(const Inputs &in, View &v)
{
    const auto &subtrees = in.probe.subtreeMounts;
    if (!subtrees.ok()) {
        v.evidence.push_back("inside: cat /proc/self/mountinfo (bind mounts) → " + subtrees.why);
        return;
    }
    std::vector<std::string> asked, unasked;
    for (const MountEntry &m : *subtrees) {
        if (isVirtualFs(m.fsType))
            continue;
        if (std::ranges::find(in.host.networkFileMounts, m.mountPoint) != in.host.networkFileMounts.end())
            continue; // Hako's own resolv.conf/hosts/hostname for it, not a host directory
        (isSpecBind(in.spec, m.mountPoint) ? asked : unasked).push_back(mountText(m));
    }
    std::vector<std::string> all = asked;
    all.insert(all.end(), unasked.begin(), unasked.end());
    v.evidence.push_back("inside: cat /proc/self/mountinfo → host directories mounted: " +
                         (all.empty() ? std::string("none") : joined(all, "; ")));
    if (!unasked.empty()) {
        v.agrees = false;
        v.summary =
            "host directories are mounted that the spec does not ask for: " + joined(unasked, "; ");
    } else if (!asked.empty()) {
        v.weakened = true;
        v.summary += ", and the spec's bind mounts of host directories: " + joined(asked, "; ");
    }
}

void judgeExecutable(const Inputs &in, View &v)
{
    const ProbeReport &p = in.probe;
    v.evidence.push_back("inside: readlink /proc/self/exe → " +
                         (p.executableLink.ok() ? *p.executableLink : p.executableLink.why));
    v.evidence.push_back("inside: ls /proc/self/fd → " +
                         (p.openFds.ok() ? joined(*p.openFds) : p.openFds.why));
    if (!p.executableWrite.ok()) {
        v.evidence.push_back("inside: open /proc/self/exe O_WRONLY → " + p.executableWrite.why);
        return;
    }
    v.evidence.push_back("inside: open /proc/self/exe O_WRONLY → " + *p.executableWrite);
    if (*p.executableWrite != "ok")
        return;
    const std::string append =
        p.executableAppend.ok() ? *p.executableAppend : p.executableAppend.why;
    v.evidence.push_back("inside: write 1 byte to /proc/self/exe → " + append);
    if (append == "ok") {
        v.agrees = false;
        v.summary = "the probe could write its own executable through /proc/self/exe";
    }
}

View mountView(const Inputs &in, bool shared)
{
    View v;
    const auto &root = in.probe.rootMount;
    v.evidence.push_back("inside: grep ' / / ' /proc/self/mountinfo → " +
                         (root.ok() ? mountText(*root) : root.why));
    if (in.host.rootMount)
        v.evidence.push_back("host: grep ' / / ' /proc/1/mountinfo → " +
                             mountText(*in.host.rootMount));
    if (!root.ok()) {
        v.unknown = "the probe could not read its mount table: " + root.why;
        return v;
    }
    const std::string count =
        in.probe.mountCount.ok() ? std::to_string(*in.probe.mountCount) + " mounts" : "";
    v.summary = "/ is " + root->fsType + (count.empty() ? "" : ", " + count);
    if (shared)
        return v;
    const MountEntry *hostRoot = in.host.rootMount ? &*in.host.rootMount : nullptr;
    if (hostRoot && hostRoot->device == root->device && hostRoot->root == root->root) {
        v.agrees = false;
        v.summary = "the container's / is the host's / (" + root->device + ")";
        return v;
    }
    judgeSubtrees(in, v);
    if (v.agrees)
        judgeExecutable(in, v);
    return v;
}

using ViewFn = View (*)(const Inputs &, bool shared);

IsolationCheck namespaceCheck(const NamespaceKey &nk, const Inputs &in, ViewFn view)
{
    IsolationCheck check{nk.key, Verdict::Unknown, {}, {}};
    const std::string kind = nk.kind;
    auto inodeOf = [&](const std::map<std::string, uint64_t> &m) {
        const auto it = m.find(kind);
        return it == m.end() ? uint64_t(0) : it->second;
    };
    const uint64_t container = inodeOf(in.host.container), host = inodeOf(in.host.host),
                   engine = inodeOf(in.host.engine);
    const auto probeIt = in.probe.namespaces.find(kind);
    const Probed<uint64_t> inside =
        probeIt == in.probe.namespaces.end() ? Probed<uint64_t>() : probeIt->second;
    // The host's init's namespaces when we may read them, else the engine's own (what a
    // container that shares a namespace inherits).
    const uint64_t reference = host ? host : engine;
    check.evidence.push_back("inside: readlink /proc/self/ns/" + kind + " → " +
                             (inside.ok() ? nsText(kind, *inside) : inside.why) +
                             "; host: " + nsText(kind, reference));
    const std::string pid = std::to_string(in.host.containerPid);
    check.evidence.push_back("host: readlink /proc/" + pid + "/ns/" + kind +
                             " (the container's PID 1) → " + nsText(kind, container));
    if (host && engine && engine != host)
        check.evidence.push_back("host: readlink /proc/self/ns/" + kind + " (the engine) → " +
                                 nsText(kind, engine));
    if (!container) {
        check.summary = "could not read /proc/" + pid + "/ns/" + kind + " on the host";
        return check;
    }
    if (!inside.ok()) {
        check.summary = "the probe could not read its namespace: " + inside.why;
        return check;
    }
    if (*inside != container) {
        check.verdict = Verdict::Failed;
        check.summary = "the probe ran in " + nsText(kind, *inside) + ", not in the container's " +
                        nsText(kind, container);
        return check;
    }
    const bool shared = container == host || container == engine;
    const View v = view(in, shared);
    check.evidence.insert(check.evidence.end(), v.evidence.begin(), v.evidence.end());
    const Namespace *wanted = in.spec.findNamespace(nk.type);
    const std::string title = nk.title;
    if (wanted && !shared) {
        if (!v.unknown.empty()) {
            check.summary = v.unknown;
            return check;
        }
        check.verdict = !v.agrees    ? Verdict::Failed
                        : v.weakened ? Verdict::Weakened
                                     : Verdict::Isolated;
        const std::string own =
            wanted->path.empty() ? "own " + title + " namespace" : "joins " + wanted->path;
        check.summary = v.agrees ? own + ": " + v.summary : v.summary;
    } else if (wanted) {
        check.verdict = wanted->path.empty() ? Verdict::Failed : Verdict::Weakened;
        check.summary = wanted->path.empty() ? "the spec asks for its own " + title +
                                                   " namespace, but the kernel shows the host's"
                                             : "joins " + wanted->path + ", which is the host's " +
                                                   title + " namespace";
    } else if (shared) {
        check.verdict = Verdict::Weakened;
        check.summary = "shares the host's " + title + " namespace" +
                        (v.summary.empty() ? "" : ": " + v.summary);
    } else {
        check.verdict = Verdict::Failed;
        check.summary =
            "the spec shares the host's " + title + " namespace, but the kernel shows another";
    }
    return check;
}

} // namespace

std::vector<IsolationCheck> judgeIsolation(const Spec &spec, const ProbeReport &probe,
                                           const HostFacts &host, const EffectiveSecurity &security)
{
    static const std::vector<std::string> kKeys = {
        "pid", "hostname", "network", "ipc", "mount", "user", "capabilities", "seccomp", "limits"};
    if (!probe.failure.empty()) {
        std::vector<IsolationCheck> unknown;
        for (const std::string &key : kKeys)
            unknown.push_back(
                {key, Verdict::Unknown, "the probe did not report: " + probe.failure, {}});
        return unknown;
    }
    const Inputs in{spec, probe, host};
    return {
        namespaceCheck({"pid", "pid", NamespaceType::Pid, "PID"}, in, pidView),
        namespaceCheck({"hostname", "uts", NamespaceType::Uts, "UTS"}, in, hostnameView),
        namespaceCheck({"network", "net", NamespaceType::Network, "network"}, in, networkView),
        namespaceCheck({"ipc", "ipc", NamespaceType::Ipc, "IPC"}, in, ipcView),
        namespaceCheck({"mount", "mnt", NamespaceType::Mount, "mount"}, in, mountView),
        isolation_detail::judgeUser(spec, probe, host, security),
        isolation_detail::judgeCapabilities(spec, probe, host, security),
        isolation_detail::judgeSeccomp(spec, probe, host, security),
        isolation_detail::judgeLimits(spec, probe, host),
    };
}

} // namespace hako
