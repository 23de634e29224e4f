// Spec → JSON, in the runtime spec's field names.
//
// Unset optionals, empty lists and empty strings are left out, because reading them back
// gives the same Spec. Fields whose default is not empty (ociVersion, process.cwd) and the
// ones the runtime spec requires (process.args, process.user) are always written.
// nlohmann::json keeps object members sorted, which makes the text stable.
#include "spec.h"

#include <nlohmann/json.hpp>

namespace hako {

namespace {

using nlohmann::json;

json encode(const std::string &value) { return value; }
json encode(uint32_t value) { return value; }
json encode(const Rlimit &rlimit);
json encode(const Mount &mount);
json encode(const Namespace &ns);
json encode(const IdMapping &mapping);
json encode(const DeviceRule &device);
json encode(const WeightDevice &device);
json encode(const ThrottleDevice &device);
json encode(const SeccompArg &arg);
json encode(const SeccompSyscall &syscall);

template <typename T>
json encodeAll(const std::vector<T> &values)
{
    json array = json::array();
    for (const T &value : values)
        array.push_back(encode(value));
    return array;
}

template <typename T>
void putIfSet(json &object, const char *key, const std::optional<T> &value)
{
    if (value)
        object[key] = *value;
}

void putIfNotEmpty(json &object, const char *key, const std::string &value)
{
    if (!value.empty())
        object[key] = value;
}

template <typename T>
void putIfNotEmpty(json &object, const char *key, const std::vector<T> &values)
{
    if (!values.empty())
        object[key] = encodeAll(values);
}

void putIfNotEmpty(json &object, const char *key, const std::map<std::string, std::string> &map)
{
    if (!map.empty())
        object[key] = map;
}

void putIfNotEmpty(json &object, const char *key, json value)
{
    if (!value.empty())
        object[key] = std::move(value);
}

void putIfTrue(json &object, const char *key, bool value)
{
    if (value)
        object[key] = true;
}

json encode(const Rlimit &rlimit)
{
    return {{"type", rlimit.type}, {"soft", rlimit.soft}, {"hard", rlimit.hard}};
}

json encode(const User &user)
{
    json out = {{"uid", user.uid}, {"gid", user.gid}};
    putIfSet(out, "umask", user.umask);
    putIfNotEmpty(out, "additionalGids", user.additionalGids);
    return out;
}

// Written in full: an empty list means "none", which differs from no capabilities object.
json encode(const Capabilities &caps)
{
    return {
        {"bounding", encodeAll(caps.bounding)},
        {"effective", encodeAll(caps.effective)},
        {"inheritable", encodeAll(caps.inheritable)},
        {"permitted", encodeAll(caps.permitted)},
        {"ambient", encodeAll(caps.ambient)},
    };
}

json encode(const Process &process)
{
    json out = {
        {"terminal", process.terminal},
        {"user", encode(process.user)},
        {"args", encodeAll(process.args)},
        {"cwd", process.cwd},
    };
    if (process.consoleSize)
        out["consoleSize"] = {{"height", process.consoleSize->height},
                              {"width", process.consoleSize->width}};
    putIfNotEmpty(out, "env", process.env);
    if (process.capabilities)
        out["capabilities"] = encode(*process.capabilities);
    putIfNotEmpty(out, "rlimits", process.rlimits);
    putIfTrue(out, "noNewPrivileges", process.noNewPrivileges);
    putIfSet(out, "oomScoreAdj", process.oomScoreAdj);
    return out;
}

json encode(const Root &root)
{
    json out = json::object();
    putIfNotEmpty(out, "path", root.path);
    putIfTrue(out, "readonly", root.readonly);
    return out;
}

json encode(const Mount &mount)
{
    json out = {{"destination", mount.destination}};
    putIfNotEmpty(out, "type", mount.type);
    putIfNotEmpty(out, "source", mount.source);
    putIfNotEmpty(out, "options", mount.options);
    return out;
}

json encode(const Namespace &ns)
{
    json out = {{"type", std::string(namespaceName(ns.type))}};
    putIfNotEmpty(out, "path", ns.path);
    return out;
}

json encode(const IdMapping &mapping)
{
    return {{"containerID", mapping.containerID},
            {"hostID", mapping.hostID},
            {"size", mapping.size}};
}

json encode(const DeviceRule &device)
{
    json out = {{"allow", device.allow}};
    putIfNotEmpty(out, "type", device.type);
    putIfSet(out, "major", device.major);
    putIfSet(out, "minor", device.minor);
    putIfNotEmpty(out, "access", device.access);
    return out;
}

json encode(const MemoryResources &memory)
{
    json out = json::object();
    putIfSet(out, "limit", memory.limit);
    putIfSet(out, "reservation", memory.reservation);
    putIfSet(out, "swap", memory.swap);
    putIfSet(out, "kernel", memory.kernel);
    putIfSet(out, "kernelTCP", memory.kernelTCP);
    putIfSet(out, "swappiness", memory.swappiness);
    putIfSet(out, "disableOOMKiller", memory.disableOOMKiller);
    return out;
}

json encode(const CpuResources &cpu)
{
    json out = json::object();
    putIfSet(out, "shares", cpu.shares);
    putIfSet(out, "quota", cpu.quota);
    putIfSet(out, "period", cpu.period);
    putIfSet(out, "realtimeRuntime", cpu.realtimeRuntime);
    putIfSet(out, "realtimePeriod", cpu.realtimePeriod);
    putIfNotEmpty(out, "cpus", cpu.cpus);
    putIfNotEmpty(out, "mems", cpu.mems);
    return out;
}

json encode(const WeightDevice &device)
{
    json out = {{"major", device.major}, {"minor", device.minor}};
    putIfSet(out, "weight", device.weight);
    putIfSet(out, "leafWeight", device.leafWeight);
    return out;
}

json encode(const ThrottleDevice &device)
{
    return {{"major", device.major}, {"minor", device.minor}, {"rate", device.rate}};
}

json encode(const BlockIoResources &blockIO)
{
    json out = json::object();
    putIfSet(out, "weight", blockIO.weight);
    putIfSet(out, "leafWeight", blockIO.leafWeight);
    putIfNotEmpty(out, "weightDevice", blockIO.weightDevice);
    putIfNotEmpty(out, "throttleReadBpsDevice", blockIO.throttleReadBpsDevice);
    putIfNotEmpty(out, "throttleWriteBpsDevice", blockIO.throttleWriteBpsDevice);
    putIfNotEmpty(out, "throttleReadIOPSDevice", blockIO.throttleReadIOPSDevice);
    putIfNotEmpty(out, "throttleWriteIOPSDevice", blockIO.throttleWriteIOPSDevice);
    return out;
}

// Present-but-empty sections stay present: {"memory": {}} reads back as a set optional.
json encode(const Resources &resources)
{
    json out = json::object();
    putIfNotEmpty(out, "devices", resources.devices);
    if (resources.memory)
        out["memory"] = encode(*resources.memory);
    if (resources.cpu)
        out["cpu"] = encode(*resources.cpu);
    if (resources.pids)
        out["pids"] = {{"limit", resources.pids->limit}};
    if (resources.blockIO)
        out["blockIO"] = encode(*resources.blockIO);
    return out;
}

json encode(const SeccompArg &arg)
{
    json out = {{"index", arg.index}, {"value", arg.value}, {"op", arg.op}};
    if (arg.valueTwo != 0)
        out["valueTwo"] = arg.valueTwo;
    return out;
}

json encode(const SeccompSyscall &syscall)
{
    json out = {{"names", encodeAll(syscall.names)}, {"action", syscall.action}};
    putIfSet(out, "errnoRet", syscall.errnoRet);
    putIfNotEmpty(out, "args", syscall.args);
    return out;
}

json encode(const Seccomp &seccomp)
{
    json out = {{"defaultAction", seccomp.defaultAction}};
    putIfSet(out, "defaultErrnoRet", seccomp.defaultErrnoRet);
    putIfNotEmpty(out, "architectures", seccomp.architectures);
    putIfNotEmpty(out, "flags", seccomp.flags);
    putIfNotEmpty(out, "syscalls", seccomp.syscalls);
    return out;
}

json encode(const Linux &linux)
{
    json out = json::object();
    putIfNotEmpty(out, "namespaces", linux.namespaces);
    putIfNotEmpty(out, "uidMappings", linux.uidMappings);
    putIfNotEmpty(out, "gidMappings", linux.gidMappings);
    if (linux.resources)
        out["resources"] = encode(*linux.resources);
    putIfNotEmpty(out, "cgroupsPath", linux.cgroupsPath);
    putIfNotEmpty(out, "maskedPaths", linux.maskedPaths);
    putIfNotEmpty(out, "readonlyPaths", linux.readonlyPaths);
    if (linux.seccomp)
        out["seccomp"] = encode(*linux.seccomp);
    putIfNotEmpty(out, "rootfsPropagation", linux.rootfsPropagation);
    putIfNotEmpty(out, "sysctl", linux.sysctl);
    return out;
}

} // namespace

nlohmann::json toJson(const Spec &spec)
{
    json out = {
        {"ociVersion", spec.ociVersion},
        {"process", encode(spec.process)},
    };
    putIfNotEmpty(out, "root", encode(spec.root));
    putIfNotEmpty(out, "hostname", spec.hostname);
    putIfNotEmpty(out, "domainname", spec.domainname);
    putIfNotEmpty(out, "mounts", spec.mounts);
    putIfNotEmpty(out, "linux", encode(spec.linux));
    putIfNotEmpty(out, "annotations", spec.annotations);
    return out;
}

std::string toJsonText(const Spec &spec)
{
    // Linux paths need not be UTF-8 but JSON text must be: replace what cannot be written
    // rather than throw from a function callers use for logging and state files.
    return toJson(spec).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string toJsonText(const Resources &resources)
{
    return encode(resources).dump(-1, ' ', false, json::error_handler_t::replace);
}

} // namespace hako
