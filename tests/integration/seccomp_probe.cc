/* (C-style C++: a .cc so the integration tests' *.cpp glob leaves it out.)
 * Inside a container: makes each system call named on the command line and prints
 * "NAME ERRNO-NAME" (or "NAME ok"), one line each. Built static, so it runs in any image.
 * The arguments are deliberately invalid or harmless (bad paths, bad fds, bad magic numbers):
 * a call the filter lets through then fails with EINVAL/ENOENT/EBADF or does nothing,
 * so only the filter answers EPERM, and a broken filter cannot change the host.
 * "NAME=ARG" runs a probe that takes a path or option (printed back as "NAME=ARG RESULT").
 * These try what an escape would do, but stop short of harm: open_wronly opens a file for
 * writing and closes it unwritten, so a hole shows as "ok" and changes nothing. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct probe {
    const char *name;
    long (*call)(void);
};

static long do_mount(void) { return syscall(SYS_mount, "none", "/hako-none", "hakofs", 0, 0); }
static long do_umount2(void) { return syscall(SYS_umount2, "/hako-none", 0); }
static long do_pivot_root(void) { return syscall(SYS_pivot_root, "/hako-none", "/hako-none"); }
static long do_unshare(void) { return syscall(SYS_unshare, CLONE_NEWUSER | CLONE_NEWNS); }
static long do_setns(void) { return syscall(SYS_setns, -1, 0); }
static long do_keyctl(void) { return syscall(SYS_keyctl, 0, -1000, 0); }
static long do_add_key(void) { return syscall(SYS_add_key, "user", "hako", "x", 1, -1000); }
static long do_bpf(void) { return syscall(SYS_bpf, -1, 0, 0); }
static long do_perf_event_open(void) { return syscall(SYS_perf_event_open, 0, 0, -1, -1, 0); }
static long do_ptrace(void) { return syscall(SYS_ptrace, 16 /* ATTACH */, 999999999, 0, 0); }
static long do_process_vm_readv(void) { return syscall(SYS_process_vm_readv, 999999999, 0, 0, 0, 0, 0); }
static long do_open_by_handle_at(void) { return syscall(SYS_open_by_handle_at, -1, 0, 0); }
static long do_name_to_handle_at(void) { return syscall(SYS_name_to_handle_at, -1, "", 0, 0, 0); }
static long do_reboot(void) { return syscall(SYS_reboot, 0, 0, 0, 0); }
static long do_init_module(void) { return syscall(SYS_init_module, 0, 0, ""); }
static long do_finit_module(void) { return syscall(SYS_finit_module, -1, "", 0); }
static long do_delete_module(void) { return syscall(SYS_delete_module, "hako_none", 04000); }
static long do_kexec_load(void) { return syscall(SYS_kexec_load, 0, 0, 0, 0xffffffffUL); }
static long do_swapon(void) { return syscall(SYS_swapon, "/hako-none", 0); }
static long do_swapoff(void) { return syscall(SYS_swapoff, "/hako-none"); }
static long do_acct(void) { return syscall(SYS_acct, "/hako-none"); }
static long do_clock_settime(void)
{
    struct timespec bad = {0, -1};
    return syscall(SYS_clock_settime, CLOCK_REALTIME, &bad);
}
static long do_adjtimex(void) { return syscall(SYS_adjtimex, 0); }
static long do_personality(void) { return syscall(SYS_personality, 0x0040000 /* ADDR_NO_RANDOMIZE */); }
static long do_userfaultfd(void) { return syscall(SYS_userfaultfd, -1); }
static long do_quotactl(void) { return syscall(SYS_quotactl, 0, 0, 0, 0); }
static long do_fsopen(void) { return syscall(SYS_fsopen, "hakofs", 0); }
static long do_open_tree(void) { return syscall(SYS_open_tree, -1, "/hako-none", 0); }
static long do_mkdir(void) { return syscall(SYS_mkdir, "/tmp/hako-probe-dir", 0700); }

static const struct probe probes[] = {
    {"mount", do_mount}, {"umount2", do_umount2}, {"pivot_root", do_pivot_root},
    {"unshare", do_unshare}, {"setns", do_setns}, {"keyctl", do_keyctl},
    {"add_key", do_add_key}, {"bpf", do_bpf}, {"perf_event_open", do_perf_event_open},
    {"ptrace", do_ptrace}, {"process_vm_readv", do_process_vm_readv},
    {"open_by_handle_at", do_open_by_handle_at}, {"name_to_handle_at", do_name_to_handle_at},
    {"reboot", do_reboot}, {"init_module", do_init_module}, {"finit_module", do_finit_module},
    {"delete_module", do_delete_module}, {"kexec_load", do_kexec_load}, {"swapon", do_swapon},
    {"swapoff", do_swapoff}, {"acct", do_acct}, {"clock_settime", do_clock_settime},
    {"adjtimex", do_adjtimex}, {"personality", do_personality}, {"userfaultfd", do_userfaultfd},
    {"quotactl", do_quotactl}, {"fsopen", do_fsopen}, {"open_tree", do_open_tree},
    {"mkdir", do_mkdir},
};

struct probe_with_arg {
    const char *name;
    long (*call)(const char *arg);
};

static long do_open_wronly(const char *path)
{
    const int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd >= 0)
        close(fd);
    return fd;
}
/* A fresh v1 hierarchy of the named controllers on /mnt: the first step of the
 * release_agent escape (CVE-2022-0492). */
static long do_mount_cgroup(const char *controllers)
{
    return mount("cgroup", "/mnt", "cgroup", MS_NOSUID | MS_NODEV | MS_NOEXEC, controllers);
}

static const struct probe_with_arg probes_with_arg[] = {
    {"open_wronly", do_open_wronly}, {"mount_cgroup", do_mount_cgroup},
};

/* "NAME=ARG": 1 when a probe of that name takes the argument (and ran). */
static int run_with_arg(const char *word)
{
    const char *eq = strchr(word, '=');
    if (!eq)
        return 0;
    for (size_t p = 0; p < sizeof probes_with_arg / sizeof probes_with_arg[0]; ++p) {
        const char *name = probes_with_arg[p].name;
        if (strlen(name) != (size_t)(eq - word) || strncmp(name, word, eq - word) != 0)
            continue;
        errno = 0;
        const long rc = probes_with_arg[p].call(eq + 1);
        printf("%s %s\n", word, rc < 0 ? strerrorname_np(errno) : "ok");
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (run_with_arg(argv[i]))
            continue;
        const struct probe *found = 0;
        for (size_t p = 0; p < sizeof probes / sizeof probes[0]; ++p)
            if (strcmp(probes[p].name, argv[i]) == 0)
                found = &probes[p];
        if (!found) {
            printf("%s unknown-probe\n", argv[i]);
            continue;
        }
        errno = 0;
        const long rc = found->call();
        printf("%s %s\n", argv[i], rc < 0 ? strerrorname_np(errno) : "ok");
    }
    return 0;
}
