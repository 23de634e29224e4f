// The last steps before execve, shared by a container's PID 1 and every process exec'd into
// it, so both end with the same user, capabilities, no-new-privileges and seccomp filter.
#pragma once

#include "fd.h"
#include "spec.h"

#include <string>
#include <vector>

namespace hako {

// Default dispositions and an empty mask: whatever the launching process ignored or blocked
// (hako-monitor ignores SIGTERM and blocks SIGCHLD) would otherwise survive execve, and a
// shell cannot trap a signal that was ignored when it started.
void resetSignals();
void applyRlimits(const std::vector<Rlimit> &rlimits);
void applyOomScoreAdj(const std::optional<int> &adj);
// setgroups/setresgid/setresuid and the capability sets, in the order that keeps the
// capabilities needed for each step until it is done.
void applyUserAndCapabilities(const Process &process, bool userNamespace);

// A filter compiled to the kernel's BPF, with its seccomp(2) flags. libseccomp takes ~10 ms
// to compile a profile the size of the default one, so each distinct filter is compiled once
// and kept (compiledSeccomp); a start loads the program as it is.
struct SeccompProgram {
    std::string code; // struct sock_filter[], as seccomp_export_bpf writes it
    unsigned flags = 0; // SECCOMP_FILTER_FLAG_*
};
// Compiled through a cache of programs under `cacheDir` (root-only, content-addressed by the
// filter's JSON and the libseccomp version); a cache that cannot be used only costs the
// compile.
SeccompProgram compiledSeccomp(const Seccomp &seccomp, const std::string &cacheDir);
// The cache every start and exec shares (content-addressed, so any state root may): on
// tmpfs, so a reboot or a new libseccomp starts it afresh.
inline constexpr const char *kSeccompCacheDir = "/run/hako/seccomp";
void applySeccomp(const SeccompProgram &program);
void applyNoNewPrivileges(bool enabled);
void changeDirectory(const std::string &cwd);

// A pseudo-terminal from the devpts visible at /dev/pts (the container's own instance after
// pivot_root): makes the slave our controlling terminal and stdio, returns the master.
UniqueFd setupTerminal(const std::optional<ConsoleSize> &size);
void setWindowSize(int ptyFd, const ConsoleSize &size);

// Every fd from 3 up is closed on execve: the process gets only stdin, stdout and stderr.
void closeExtraFdsOnExec();
// execvpe with PATH looked up in `env`; only returns by throwing.
[[noreturn]] void execProcess(const std::vector<std::string> &args,
                              const std::vector<std::string> &env);

// execveat(fd, "", AT_EMPTY_PATH): runs the file behind `fd` (args[0] is only argv[0]), so
// nothing is looked up in the container's file system; only returns by throwing. An ELF
// runs even when `fd` is close-on-exec (a script would not: its interpreter needs the fd).
[[noreturn]] void execProgramFd(int fd, const std::vector<std::string> &args,
                                const std::vector<std::string> &env);

std::vector<char *> toArgv(std::vector<std::string> &strings);

} // namespace hako
