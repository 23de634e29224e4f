// Device rules on cgroup v2. v2 has no devices.allow/devices.deny files: the kernel asks a
// BPF_PROG_TYPE_CGROUP_DEVICE program attached to the task's cgroup whether an open or
// mknod may go ahead. This file turns the ordered OCI rules (linux.resources.devices) into
// such a program, loads it with bpf(2) and attaches it. No libbpf: the program is a handful
// of instructions per rule, built by hand.
//
// Semantics (OCI: the last matching rule wins), decided per access bit, as v1's merged
// exception table behaves: a request for "rw" is allowed only when the last rule that matches
// the device and names "r" allows, and so does the last one that names "w". A bit no rule
// names is denied. The pure function deviceAccessAllowed() states this; the program the
// kernel runs is built from the same rules and tested against it.
#pragma once

#include <linux/bpf.h>

#include <cstdint>
#include <string>
#include <vector>

namespace hako {

struct DeviceRule;

// What the kernel asks about: one device node and the access wanted, as the program sees it.
struct DeviceRequest {
    char type = 'c'; // 'c' or 'b'
    uint32_t major = 0;
    uint32_t minor = 0;
    uint32_t access = 0; // BPF_DEVCG_ACC_* bits; a read-write open asks for READ | WRITE
};

// Access letters to BPF_DEVCG_ACC_* bits: "rw" → READ | WRITE; empty means all three.
uint32_t deviceAccessBits(const std::string &access);

// The decision the rules describe, evaluated directly (first to last, per access bit).
bool deviceAccessAllowed(const std::vector<DeviceRule> &rules, const DeviceRequest &request);

// True when the rules leave every device fully usable (no rules at all, or rules whose net
// effect allows everything): then there is nothing to enforce and no program is attached.
bool devicesUnrestricted(const std::vector<DeviceRule> &rules);

// The BPF_PROG_TYPE_CGROUP_DEVICE program for the rules: returns 1 to allow, 0 to deny.
// Throws Error for a rule the kernel could not be asked about (an unknown type or access).
std::vector<bpf_insn> buildDeviceProgram(const std::vector<DeviceRule> &rules);

// Loads the program for `rules` and attaches it (BPF_F_ALLOW_MULTI) to the cgroup v2
// directory `cgroupDir`, then detaches what an earlier call attached there, so applying
// rules again replaces them instead of stacking filters. Throws SysError/Error; a verifier
// rejection carries the verifier's log.
void attachDeviceProgram(const std::string &cgroupDir, const std::vector<DeviceRule> &rules);

} // namespace hako
