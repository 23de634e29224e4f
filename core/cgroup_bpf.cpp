// Device rules as a BPF_PROG_TYPE_CGROUP_DEVICE program (see cgroup_bpf.h for the semantics).
//
// The program, for rules R1..Rn:
//
//   prologue  r2 = device type, r3 = access bits still undecided, r4 = major, r5 = minor
//   Rn        if the device matches Rn: settle the bits Rn names (deny → return 0; allow →
//             clear them from r3, return 1 once r3 is empty)
//   ...       then Rn-1, and so on: walking backwards, the first rule to name a bit is the
//   R1        last one in OCI order, the one that wins
//   tail      return 0: a bit no rule names is denied
//
// A rule matching every device and every access settles everything, so the walk stops there;
// the rules before it could never be reached (and the verifier rejects unreachable code).
#include "cgroup_bpf.h"

#include "error.h"
#include "fd.h"
#include "spec.h"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <limits>
#include <optional>

namespace hako {
namespace {

constexpr uint32_t kAllAccess = BPF_DEVCG_ACC_MKNOD | BPF_DEVCG_ACC_READ | BPF_DEVCG_ACC_WRITE;

// ---- Rules, ready to compare with what the kernel passes -------------------------------

struct Match {
    bool allow = false;
    uint32_t type = 0; // BPF_DEVCG_DEV_*; 0 matches both
    std::optional<uint32_t> major, minor;
    uint32_t access = kAllAccess;

    bool anyDevice() const { return type == 0 && !major && !minor; }
    bool unconditional() const { return anyDevice() && access == kAllAccess; }
    bool matches(uint32_t devType, uint32_t devMajor, uint32_t devMinor) const
    {
        return (type == 0 || type == devType) && (!major || *major == devMajor) &&
               (!minor || *minor == devMinor);
    }
};

std::string rulePath(size_t index)
{
    return "linux.resources.devices[" + std::to_string(index) + "]";
}

uint32_t typeCode(const std::string &type, size_t index)
{
    if (type.empty() || type == "a")
        return 0;
    if (type == "c")
        return BPF_DEVCG_DEV_CHAR;
    if (type == "b")
        return BPF_DEVCG_DEV_BLOCK;
    throw Error(rulePath(index) + ".type: unknown device type \"" + type + "\"");
}

// A negative number means any ("*"), as deviceNumber() writes it for v1. A number beyond
// what the kernel's 32-bit fields can hold names no device: the rule then matches nothing.
bool deviceNumber(std::optional<int64_t> number, std::optional<uint32_t> &out)
{
    if (!number || *number < 0)
        return true;
    if (*number > std::numeric_limits<uint32_t>::max())
        return false;
    out = static_cast<uint32_t>(*number);
    return true;
}

// nullopt for a rule that can match no device.
std::optional<Match> toMatch(const DeviceRule &rule, size_t index)
{
    Match match;
    match.allow = rule.allow;
    match.type = typeCode(rule.type, index);
    try {
        match.access = deviceAccessBits(rule.access);
    } catch (const Error &e) {
        throw Error(rulePath(index) + ".access: " + e.what());
    }
    if (!deviceNumber(rule.major, match.major) || !deviceNumber(rule.minor, match.minor))
        return std::nullopt;
    return match;
}

std::vector<Match> toMatches(const std::vector<DeviceRule> &rules)
{
    std::vector<Match> matches;
    for (size_t i = 0; i < rules.size(); ++i) {
        if (std::optional<Match> match = toMatch(rules[i], i))
            matches.push_back(*match);
    }
    return matches;
}

// ---- Instructions ----------------------------------------------------------------------

constexpr bpf_insn makeInsn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm)
{
    bpf_insn insn{};
    insn.code = code;
    insn.dst_reg = dst & 0xf;
    insn.src_reg = src & 0xf;
    insn.off = off;
    insn.imm = imm;
    return insn;
}

constexpr bpf_insn ldxMemW(uint8_t dst, uint8_t src, int16_t off)
{
    return makeInsn(BPF_LDX | BPF_W | BPF_MEM, dst, src, off, 0);
}

constexpr bpf_insn alu32Imm(uint8_t op, uint8_t dst, int32_t imm)
{
    return makeInsn(BPF_ALU | op | BPF_K, dst, 0, 0, imm);
}

constexpr bpf_insn mov32Reg(uint8_t dst, uint8_t src)
{
    return makeInsn(BPF_ALU | BPF_MOV | BPF_X, dst, src, 0, 0);
}

constexpr bpf_insn mov64Imm(uint8_t dst, int32_t imm)
{
    return makeInsn(BPF_ALU64 | BPF_MOV | BPF_K, dst, 0, 0, imm);
}

// JMP32 compares the low 32 bits, so a major or minor above INT32_MAX compares as the
// unsigned number it is instead of a sign-extended 64-bit immediate.
constexpr bpf_insn jmp32Imm(uint8_t op, uint8_t dst, uint32_t imm, int16_t off)
{
    return makeInsn(BPF_JMP32 | op | BPF_K, dst, 0, off, static_cast<int32_t>(imm));
}

constexpr bpf_insn exitInsn()
{
    return makeInsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
}

// Registers the prologue fills; r1 (the context) is free for scratch once it has run.
constexpr uint8_t kScratch = BPF_REG_1;
constexpr uint8_t kType = BPF_REG_2;
constexpr uint8_t kAccess = BPF_REG_3;
constexpr uint8_t kMajor = BPF_REG_4;
constexpr uint8_t kMinor = BPF_REG_5;

// Emits instructions; jumps to "the next rule" are patched once the rule's block is complete.
class ProgramBuilder {
public:
    void emit(const bpf_insn &insn) { insns_.push_back(insn); }
    void emitJumpToNextRule(const bpf_insn &insn)
    {
        pending_.push_back(insns_.size());
        emit(insn);
    }
    void endRule()
    {
        for (const size_t at : pending_)
            insns_[at].off = static_cast<int16_t>(insns_.size() - at - 1);
        pending_.clear();
    }
    std::vector<bpf_insn> take() { return std::move(insns_); }

private:
    std::vector<bpf_insn> insns_;
    std::vector<size_t> pending_;
};

void emitPrologue(ProgramBuilder &out)
{
    out.emit(ldxMemW(kType, BPF_REG_1, offsetof(bpf_cgroup_dev_ctx, access_type)));
    out.emit(mov32Reg(kAccess, kType));
    out.emit(alu32Imm(BPF_AND, kType, 0xffff)); // low half: BPF_DEVCG_DEV_*
    out.emit(alu32Imm(BPF_RSH, kAccess, 16));   // high half: BPF_DEVCG_ACC_*
    out.emit(ldxMemW(kMajor, BPF_REG_1, offsetof(bpf_cgroup_dev_ctx, major)));
    out.emit(ldxMemW(kMinor, BPF_REG_1, offsetof(bpf_cgroup_dev_ctx, minor)));
}

void emitRule(ProgramBuilder &out, const Match &rule)
{
    if (rule.type != 0)
        out.emitJumpToNextRule(jmp32Imm(BPF_JNE, kType, rule.type, 0));
    if (rule.major)
        out.emitJumpToNextRule(jmp32Imm(BPF_JNE, kMajor, *rule.major, 0));
    if (rule.minor)
        out.emitJumpToNextRule(jmp32Imm(BPF_JNE, kMinor, *rule.minor, 0));
    if (rule.access != kAllAccess && rule.allow) {
        // The bits this rule names are allowed; earlier rules decide the rest, if any.
        out.emit(alu32Imm(BPF_AND, kAccess, static_cast<int32_t>(~rule.access)));
        out.emitJumpToNextRule(jmp32Imm(BPF_JNE, kAccess, 0, 0));
    } else if (rule.access != kAllAccess) {
        // Denied if any undecided bit is one this rule names; otherwise it says nothing.
        out.emit(mov32Reg(kScratch, kAccess));
        out.emit(alu32Imm(BPF_AND, kScratch, static_cast<int32_t>(rule.access)));
        out.emitJumpToNextRule(jmp32Imm(BPF_JEQ, kScratch, 0, 0));
    }
    out.emit(mov64Imm(BPF_REG_0, rule.allow ? 1 : 0));
    out.emit(exitInsn());
    out.endRule();
}

// ---- The bpf(2) system call ------------------------------------------------------------

uint64_t pointerValue(const void *p)
{
    return static_cast<uint64_t>(reinterpret_cast<uintptr_t>(p));
}

long bpfCall(int cmd, bpf_attr &attr)
{
    return ::syscall(SYS_bpf, cmd, &attr, sizeof(attr));
}

// Returns the fd, or -1 with errno set.
int loadProgram(const std::vector<bpf_insn> &insns, std::string *log)
{
    static const char kLicense[] = "Apache-2.0"; // no GPL-only helpers are called
    bpf_attr attr{};
    attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
    attr.insns = pointerValue(insns.data());
    attr.insn_cnt = static_cast<uint32_t>(insns.size());
    attr.license = pointerValue(kLicense);
    if (log) {
        attr.log_buf = pointerValue(log->data());
        attr.log_size = static_cast<uint32_t>(log->size());
        attr.log_level = 1;
    }
    return static_cast<int>(bpfCall(BPF_PROG_LOAD, attr));
}

// The first load runs without a log (asking for one makes the verifier slower, and a
// too-small buffer fails a good program); only a refused program is loaded again for it.
UniqueFd loadDeviceProgram(const std::vector<bpf_insn> &insns)
{
    const int fd = loadProgram(insns, nullptr);
    if (fd >= 0)
        return UniqueFd(fd);
    const int err = errno;
    std::string log(256 * 1024, '\0');
    const int again = loadProgram(insns, &log);
    if (again >= 0)
        return UniqueFd(again); // refused for a passing reason (EAGAIN under load)
    log.resize(::strnlen(log.data(), log.size()));
    std::string message = "load the device cgroup program (" + std::to_string(insns.size()) +
                          " instructions): " + std::strerror(err);
    if (!log.empty())
        message += "; verifier log:\n" + log;
    throw Error(message);
}

// The programs attached to this cgroup itself (not its ancestors).
std::vector<uint32_t> attachedDevicePrograms(int cgroupFd, const std::string &path)
{
    std::vector<uint32_t> ids(16);
    for (;;) {
        bpf_attr attr{};
        attr.query.target_fd = static_cast<uint32_t>(cgroupFd);
        attr.query.attach_type = BPF_CGROUP_DEVICE;
        attr.query.prog_ids = pointerValue(ids.data());
        attr.query.prog_cnt = static_cast<uint32_t>(ids.size());
        if (bpfCall(BPF_PROG_QUERY, attr) == 0) {
            ids.resize(attr.query.prog_cnt);
            return ids;
        }
        if (errno != ENOSPC) // ENOSPC: more programs than room; prog_cnt says how many
            throwSys("query the device programs of cgroup", path);
        ids.resize(attr.query.prog_cnt);
    }
}

void detachDeviceProgram(int cgroupFd, uint32_t id, const std::string &path)
{
    bpf_attr get{};
    get.prog_id = id;
    const UniqueFd prog(static_cast<int>(bpfCall(BPF_PROG_GET_FD_BY_ID, get)));
    if (!prog) {
        if (errno == ENOENT)
            return; // gone already
        throwSys("open device program " + std::to_string(id) + " of cgroup", path);
    }
    bpf_attr detach{};
    detach.target_fd = static_cast<uint32_t>(cgroupFd);
    detach.attach_bpf_fd = static_cast<uint32_t>(prog.get());
    detach.attach_type = BPF_CGROUP_DEVICE;
    if (bpfCall(BPF_PROG_DETACH, detach) != 0 && errno != ENOENT)
        throwSys("detach the old device program from cgroup", path);
}

} // namespace

uint32_t deviceAccessBits(const std::string &access)
{
    if (access.empty())
        return kAllAccess;
    uint32_t bits = 0;
    for (const char c : access) {
        if (c == 'r')
            bits |= BPF_DEVCG_ACC_READ;
        else if (c == 'w')
            bits |= BPF_DEVCG_ACC_WRITE;
        else if (c == 'm')
            bits |= BPF_DEVCG_ACC_MKNOD;
        else
            throw Error("\"" + access + "\" is not a combination of r, w, m");
    }
    return bits;
}

bool deviceAccessAllowed(const std::vector<DeviceRule> &rules, const DeviceRequest &request)
{
    const uint32_t type = request.type == 'b'   ? BPF_DEVCG_DEV_BLOCK
                          : request.type == 'c' ? BPF_DEVCG_DEV_CHAR
                                                : 0;
    const std::vector<Match> matches = toMatches(rules);
    if (request.access == 0 || type == 0)
        return false; // the kernel asks only about block or char devices, for some access
    for (const uint32_t bit : {BPF_DEVCG_ACC_MKNOD, BPF_DEVCG_ACC_READ, BPF_DEVCG_ACC_WRITE}) {
        if (!(request.access & bit))
            continue;
        bool allowed = false; // a bit no rule names is denied
        for (const Match &match : matches) {
            if ((match.access & bit) && match.matches(type, request.major, request.minor))
                allowed = match.allow;
        }
        if (!allowed)
            return false;
    }
    return true;
}

bool devicesUnrestricted(const std::vector<DeviceRule> &rules)
{
    if (rules.empty())
        return true; // OCI: no rules, no change to what the cgroup may use
    const std::vector<Match> matches = toMatches(rules);
    for (auto it = matches.rbegin(); it != matches.rend(); ++it) {
        if (!it->allow)
            return false;
        if (it->unconditional())
            return true; // allows everything, and nothing after it takes anything away
    }
    return false;
}

std::vector<bpf_insn> buildDeviceProgram(const std::vector<DeviceRule> &rules)
{
    const std::vector<Match> matches = toMatches(rules);
    ProgramBuilder out;
    emitPrologue(out);
    for (auto it = matches.rbegin(); it != matches.rend(); ++it) {
        emitRule(out, *it);
        if (it->unconditional())
            return out.take();
    }
    out.emit(mov64Imm(BPF_REG_0, 0));
    out.emit(exitInsn());
    return out.take();
}

void attachDeviceProgram(const std::string &cgroupDir, const std::vector<DeviceRule> &rules)
{
    const UniqueFd prog = loadDeviceProgram(buildDeviceProgram(rules));
    const UniqueFd cgroup(::open(cgroupDir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!cgroup)
        throwSys("open cgroup", cgroupDir);
    const std::vector<uint32_t> old = attachedDevicePrograms(cgroup.get(), cgroupDir);
    // The new filter goes on before the old comes off, so the cgroup is never unfiltered.
    // ALLOW_MULTI: programs attached below (a nested runtime's) run in addition to ours,
    // so they can only narrow what it allows; every program up to the root must allow.
    bpf_attr attach{};
    attach.target_fd = static_cast<uint32_t>(cgroup.get());
    attach.attach_bpf_fd = static_cast<uint32_t>(prog.get());
    attach.attach_type = BPF_CGROUP_DEVICE;
    attach.attach_flags = BPF_F_ALLOW_MULTI;
    if (bpfCall(BPF_PROG_ATTACH, attach) != 0)
        throwSys("attach the device program to cgroup", cgroupDir);
    for (const uint32_t id : old)
        detachDeviceProgram(cgroup.get(), id, cgroupDir);
    // The attachment holds its own reference to the program; our fd closes here.
}

} // namespace hako
