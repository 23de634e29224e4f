// The spec's linux.seccomp turned into a BPF filter with libseccomp. Docker's profile format,
// the default profile and the capability-conditional rules are in seccomp_profile.cpp: by
// the time a profile gets here it applies to this container's capabilities and machine.
#include "process_setup.h"

#include "error.h"
#include "fs.h"
#include "sha256.h"
#include "spec.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <nlohmann/json.hpp>
#include <seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <memory>

namespace hako {

namespace {

struct FilterFree {
    void operator()(void *ctx) const { seccomp_release(ctx); }
};
using Filter = std::unique_ptr<void, FilterFree>;

uint32_t actionFor(const std::string &name, std::optional<uint32_t> errnoRet)
{
    if (name == "SCMP_ACT_ALLOW")
        return SCMP_ACT_ALLOW;
    if (name == "SCMP_ACT_ERRNO")
        return SCMP_ACT_ERRNO(errnoRet.value_or(EPERM));
    if (name == "SCMP_ACT_KILL" || name == "SCMP_ACT_KILL_THREAD")
        return SCMP_ACT_KILL_THREAD;
    if (name == "SCMP_ACT_KILL_PROCESS")
        return SCMP_ACT_KILL_PROCESS;
    if (name == "SCMP_ACT_TRAP")
        return SCMP_ACT_TRAP;
    if (name == "SCMP_ACT_TRACE")
        return SCMP_ACT_TRACE(errnoRet.value_or(EPERM));
    if (name == "SCMP_ACT_LOG")
        return SCMP_ACT_LOG;
    if (name == "SCMP_ACT_NOTIFY")
        throw Error("linux.seccomp: SCMP_ACT_NOTIFY needs a seccomp listener, which Hako does "
                    "not provide");
    throw Error("linux.seccomp: action " + name + " is not supported");
}

scmp_compare compareFor(const std::string &op)
{
    static const std::map<std::string, scmp_compare> ops{
        {"SCMP_CMP_NE", SCMP_CMP_NE}, {"SCMP_CMP_LT", SCMP_CMP_LT},
        {"SCMP_CMP_LE", SCMP_CMP_LE}, {"SCMP_CMP_EQ", SCMP_CMP_EQ},
        {"SCMP_CMP_GE", SCMP_CMP_GE}, {"SCMP_CMP_GT", SCMP_CMP_GT},
        {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
    };
    const auto it = ops.find(op);
    if (it == ops.end())
        throw Error("linux.seccomp: unknown operator " + op);
    return it->second;
}

void addArchitectures(void *ctx, const std::vector<std::string> &arches)
{
    for (const auto &arch : arches) {
        std::string lower = arch.starts_with("SCMP_ARCH_") ? arch.substr(10) : arch;
        for (auto &c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const uint32_t token = seccomp_arch_resolve_name(lower.c_str());
        if (token == 0)
            throw Error("linux.seccomp.architectures: unknown architecture " + arch);
        const int rc = seccomp_arch_add(ctx, token);
        if (rc < 0 && rc != -EEXIST)
            throwSys("seccomp_arch_add", arch, -rc);
    }
}

void addRule(void *ctx, const SeccompSyscall &rule, uint32_t defaultAction)
{
    const uint32_t action = actionFor(rule.action, rule.errnoRet);
    if (action == defaultAction)
        return; // libseccomp refuses rules that repeat the default
    std::vector<scmp_arg_cmp> args;
    for (const auto &a : rule.args)
        args.push_back(scmp_arg_cmp{a.index, compareFor(a.op), a.value, a.valueTwo});
    for (const auto &name : rule.names) {
        const int nr = seccomp_syscall_resolve_name(name.c_str());
        if (nr == __NR_SCMP_ERROR)
            continue; // not a syscall on this architecture (Docker's profiles list many)
        const int rc = seccomp_rule_add_array(ctx, action, nr, static_cast<unsigned>(args.size()),
                                              args.data());
        // A profile may allow one call in two entries (bpf with CAP_SYS_ADMIN or CAP_BPF).
        if (rc < 0 && rc != -EEXIST)
            throwSys("seccomp rule for " + name, "", -rc);
    }
}

// The profile's "flags": TSYNC is what libseccomp does anyway for a single-threaded
// process; LOG logs every action but ALLOW; SPEC_ALLOW leaves speculative-store-bypass
// mitigation off, as it would be without a filter.
void applyFlags(void *ctx, const std::vector<std::string> &flags)
{
    for (const auto &flag : flags) {
        int rc = 0;
        if (flag == "SECCOMP_FILTER_FLAG_TSYNC")
            rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
        else if (flag == "SECCOMP_FILTER_FLAG_LOG")
            rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, 1);
        else if (flag == "SECCOMP_FILTER_FLAG_SPEC_ALLOW")
            rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_SSB, 1);
        else
            throw Error("linux.seccomp.flags: unknown flag " + flag);
        if (rc < 0)
            throwSys("seccomp flag " + flag, "", -rc);
    }
}

Filter buildFilter(const Seccomp &seccomp)
{
    const uint32_t defaultAction = actionFor(seccomp.defaultAction, seccomp.defaultErrnoRet);
    Filter ctx(seccomp_init(defaultAction));
    if (!ctx)
        throw Error("seccomp_init failed");
    addArchitectures(ctx.get(), seccomp.architectures);
    applyFlags(ctx.get(), seccomp.flags);
    for (const auto &rule : seccomp.syscalls)
        addRule(ctx.get(), rule, defaultAction);
    // No new privileges stays as the spec says: our own prctl does that separately.
    if (seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_NNP, 0) < 0)
        throw Error("seccomp: cannot clear the NNP attribute");
    return ctx;
}

unsigned programFlags(const std::vector<std::string> &flags)
{
    unsigned out = 0;
    for (const auto &flag : flags) {
        if (flag == "SECCOMP_FILTER_FLAG_TSYNC")
            out |= SECCOMP_FILTER_FLAG_TSYNC;
        else if (flag == "SECCOMP_FILTER_FLAG_LOG")
            out |= SECCOMP_FILTER_FLAG_LOG;
        else if (flag == "SECCOMP_FILTER_FLAG_SPEC_ALLOW")
            out |= SECCOMP_FILTER_FLAG_SPEC_ALLOW;
    }
    return out;
}

std::string exportedCode(void *ctx)
{
    UniqueFd memfd(::memfd_create("hako-seccomp", MFD_CLOEXEC));
    if (!memfd)
        throwSys("memfd_create", "seccomp program");
    if (const int rc = seccomp_export_bpf(ctx, memfd.get()); rc < 0)
        throwSys("export seccomp program", "", -rc);
    const off_t size = ::lseek(memfd.get(), 0, SEEK_END);
    std::string code(static_cast<size_t>(size > 0 ? size : 0), '\0');
    if (size <= 0 || ::pread(memfd.get(), code.data(), code.size(), 0) != size)
        throw Error("export seccomp program: short read");
    return code;
}

SeccompProgram compile(const Seccomp &seccomp)
{
    const Filter ctx = buildFilter(seccomp);
    return {exportedCode(ctx.get()), programFlags(seccomp.flags)};
}

bool validCode(const std::string &code)
{
    return !code.empty() && code.size() % sizeof(sock_filter) == 0 &&
           code.size() / sizeof(sock_filter) <= BPF_MAXINSNS;
}

} // namespace

SeccompProgram compiledSeccomp(const Seccomp &seccomp, const std::string &cacheDir)
{
    const scmp_version *version = seccomp_version();
    Spec holder;
    holder.linux.seccomp = seccomp;
    nlohmann::json key = {{"filter", toJson(holder)["linux"]["seccomp"]},
                          {"libseccomp", {version->major, version->minor, version->micro}}};
    const std::string path = cacheDir + "/" + sha256Hex(key.dump()) + ".bpf";
    try {
        if (pathExists(path)) {
            std::string code = readFile(path);
            if (validCode(code))
                return {std::move(code), programFlags(seccomp.flags)};
        }
    } catch (const Error &) {
        // An unreadable entry is compiled again and replaced below.
    }
    SeccompProgram program = compile(seccomp);
    try {
        makeDirs(cacheDir, 0700);
        writeFileAtomic(path, program.code, 0600, Durability::FileOnly);
    } catch (const Error &) {
        // Not cached (a read-only or full disk): the next start compiles again.
    }
    return program;
}

void applySeccomp(const SeccompProgram &program)
{
    sock_fprog prog{};
    prog.len = static_cast<unsigned short>(program.code.size() / sizeof(sock_filter));
    prog.filter = reinterpret_cast<sock_filter *>(const_cast<char *>(program.code.data()));
    if (::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, program.flags, &prog) < 0)
        throwSys("load seccomp filter");
}

} // namespace hako
