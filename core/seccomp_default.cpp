// Hako's default seccomp profile, in Docker's format so that a user can save it
// (`defaultSeccompProfileJson`), edit it and pass it back with --security-opt seccomp=FILE.
//
// Shape: everything not listed answers EPERM; the allow-list covers what ordinary programs
// use; what reaches into the kernel or the host beyond the container (mounts, namespaces,
// modules, keyrings, BPF, tracing, clocks, swap, reboot, raw I/O, NUMA placement) is allowed
// only when the container holds the capability that call needs anyway, as Docker's default
// does. Stricter than Docker's on two points: ptrace and process_vm_* need CAP_SYS_PTRACE
// whatever the kernel version, and io_uring (whose rings bypass this filter) is not allowed.
//
// clone: new namespaces only with CAP_SYS_ADMIN (the flags are a register, so a BPF filter
// can test them). clone3 passes its flags in memory, which a filter cannot read: without
// CAP_SYS_ADMIN it answers ENOSYS, and glibc then falls back to clone.
#include "seccomp_profile.h"

namespace hako {

namespace {

constexpr std::string_view kDefaultProfile = R"json({
  "defaultAction": "SCMP_ACT_ERRNO",
  "defaultErrnoRet": 1,
  "archMap": [
    {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
    {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
  ],
  "syscalls": [
    {
      "comment": "files, directories and their attributes",
      "names": [
        "access", "chdir", "chmod", "chown", "chown32", "close", "close_range", "copy_file_range",
        "creat", "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64", "fadvise64_64",
        "fallocate", "fanotify_mark", "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown",
        "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr", "flistxattr",
        "flock", "fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64", "fstatfs",
        "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futimesat", "getcwd", "getdents",
        "getdents64", "getxattr", "inotify_add_watch", "inotify_init", "inotify_init1",
        "inotify_rm_watch", "lchown", "lchown32", "lgetxattr", "link", "linkat", "listxattr",
        "llistxattr", "_llseek", "lremovexattr", "lseek", "lsetxattr", "lstat", "lstat64",
        "memfd_create", "mkdir", "mkdirat", "mknod", "mknodat", "newfstatat", "open", "openat",
        "openat2", "pipe", "pipe2", "pread64", "preadv", "preadv2", "pwrite64", "pwritev",
        "pwritev2", "read", "readahead", "readdir", "readlink", "readlinkat", "readv",
        "removexattr", "rename", "renameat", "renameat2", "rmdir", "sendfile", "sendfile64",
        "setxattr", "splice", "stat", "stat64", "statfs", "statfs64", "statx", "symlink",
        "symlinkat", "sync", "sync_file_range", "syncfs", "tee", "truncate", "truncate64",
        "umask", "unlink", "unlinkat", "utime", "utimensat", "utimensat_time64", "utimes",
        "vmsplice", "write", "writev", "ioctl"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "waiting for events and asynchronous I/O",
      "names": [
        "epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old", "epoll_pwait",
        "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "io_cancel",
        "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup",
        "io_submit", "poll", "ppoll", "ppoll_time64", "pselect6", "pselect6_time64", "select",
        "_newselect", "signalfd", "signalfd4", "timerfd_create", "timerfd_gettime",
        "timerfd_gettime64", "timerfd_settime", "timerfd_settime64"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "memory of the process itself",
      "names": [
        "brk", "get_mempolicy", "madvise", "map_shadow_stack", "membarrier", "mincore", "mlock",
        "mlock2", "mlockall", "mmap", "mmap2", "mprotect", "mremap", "msync", "munlock",
        "munlockall", "munmap", "pkey_alloc", "pkey_free", "pkey_mprotect", "remap_file_pages"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "processes, threads, signals, scheduling and limits",
      "names": [
        "capget", "capset", "execve", "execveat", "exit", "exit_group", "fork", "futex",
        "futex_time64", "futex_waitv", "get_robust_list", "get_thread_area", "getcpu",
        "getitimer", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom",
        "getrlimit", "getrusage", "getsid", "gettid", "ioprio_get", "ioprio_set", "kill",
        "landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "pause",
        "pidfd_open", "pidfd_send_signal", "prctl", "prlimit64", "restart_syscall", "rseq",
        "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
        "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo",
        "sched_get_priority_max", "sched_get_priority_min", "sched_getaffinity",
        "sched_getattr", "sched_getparam", "sched_getscheduler", "sched_rr_get_interval",
        "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam",
        "sched_setscheduler", "sched_yield", "seccomp", "set_robust_list", "set_thread_area",
        "set_tid_address", "setitimer", "setpgid", "setpriority", "setrlimit", "setsid",
        "sigaction", "sigaltstack", "signal", "sigpending", "sigprocmask", "sigreturn",
        "sigsuspend", "tgkill", "tkill", "ugetrlimit", "vfork", "wait4", "waitid", "waitpid"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "reading clocks and sleeping (setting a clock needs CAP_SYS_TIME, below)",
      "names": [
        "alarm", "clock_getres", "clock_getres_time64", "clock_gettime", "clock_gettime64",
        "clock_nanosleep", "clock_nanosleep_time64", "gettimeofday", "nanosleep", "time",
        "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64",
        "timer_settime", "timer_settime64", "times"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "user and group ids (the kernel checks CAP_SETUID / CAP_SETGID)",
      "names": [
        "getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32", "getgroups",
        "getgroups32", "getresgid", "getresgid32", "getresuid", "getresuid32", "getuid",
        "getuid32", "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32",
        "setgroups", "setgroups32", "setregid", "setregid32", "setresgid", "setresgid32",
        "setresuid", "setresuid32", "setreuid", "setreuid32", "setuid", "setuid32"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "System V and POSIX IPC, in the container's own IPC namespace",
      "names": [
        "ipc", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive",
        "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "msgctl",
        "msgget", "msgrcv", "msgsnd", "semctl", "semget", "semop", "semtimedop",
        "semtimedop_time64", "shmat", "shmctl", "shmdt", "shmget"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "sockets, in the container's own network namespace",
      "names": [
        "accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt",
        "listen", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send",
        "sendmmsg", "sendmsg", "sendto", "setsockopt", "shutdown", "socket", "socketcall",
        "socketpair"
      ],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "about the system, read only",
      "names": ["sysinfo", "uname"],
      "action": "SCMP_ACT_ALLOW"
    },
    {
      "comment": "arch_prctl sets the thread pointer on x86_64; modify_ldt is for 32-bit code",
      "names": ["arch_prctl", "modify_ldt"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"arches": ["amd64", "x32", "386"]}
    },
    {
      "comment": "personality: only the values programs use (Linux, 32-bit, UNAME26, query)",
      "names": ["personality"],
      "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]
    },
    {
      "names": ["personality"],
      "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 8, "op": "SCMP_CMP_EQ"}]
    },
    {
      "names": ["personality"],
      "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 131072, "op": "SCMP_CMP_EQ"}]
    },
    {
      "names": ["personality"],
      "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 131080, "op": "SCMP_CMP_EQ"}]
    },
    {
      "names": ["personality"],
      "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 4294967295, "op": "SCMP_CMP_EQ"}]
    },
    {
      "comment": "clone without CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET",
      "names": ["clone"],
      "action": "SCMP_ACT_ALLOW",
      "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}],
      "excludes": {"caps": ["CAP_SYS_ADMIN"]}
    },
    {
      "comment": "clone3's flags cannot be inspected: ENOSYS makes libc fall back to clone",
      "names": ["clone3"],
      "action": "SCMP_ACT_ERRNO",
      "errnoRet": 38,
      "excludes": {"caps": ["CAP_SYS_ADMIN"]}
    },
    {
      "comment": "mounts, namespaces, host names and administration: CAP_SYS_ADMIN",
      "names": [
        "bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick",
        "lookup_dcookie", "mount", "mount_setattr", "move_mount", "name_to_handle_at",
        "open_tree", "perf_event_open", "pivot_root", "quotactl", "quotactl_fd",
        "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2", "unshare"
      ],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_ADMIN"]}
    },
    {
      "names": ["chroot"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_CHROOT"]}
    },
    {
      "names": ["reboot"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_BOOT"]}
    },
    {
      "names": ["delete_module", "finit_module", "init_module"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_MODULE"]}
    },
    {
      "names": ["acct"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_PACCT"]}
    },
    {
      "names": ["kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv",
                "process_vm_writev", "ptrace"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_PTRACE"]}
    },
    {
      "names": ["ioperm", "iopl"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_RAWIO"]}
    },
    {
      "names": ["adjtimex", "clock_adjtime", "clock_adjtime64", "clock_settime",
                "clock_settime64", "settimeofday", "stime"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_TIME"]}
    },
    {
      "names": ["vhangup"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_TTY_CONFIG"]}
    },
    {
      "names": ["mbind", "move_pages", "set_mempolicy", "set_mempolicy_home_node"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYS_NICE"]}
    },
    {
      "names": ["syslog"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_SYSLOG"]}
    },
    {
      "names": ["bpf"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_BPF"]}
    },
    {
      "names": ["perf_event_open"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_PERFMON"]}
    },
    {
      "comment": "the \"shocker\" breakout opened host files by handle",
      "names": ["open_by_handle_at"],
      "action": "SCMP_ACT_ALLOW",
      "includes": {"caps": ["CAP_DAC_READ_SEARCH"]}
    }
  ]
}
)json";

} // namespace

std::string_view defaultSeccompProfileJson()
{
    return kDefaultProfile;
}

} // namespace hako
