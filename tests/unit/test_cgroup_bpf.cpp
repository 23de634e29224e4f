// Device rules on cgroup v2: the decision the OCI rules describe (deviceAccessAllowed), and
// the BPF program built from them, run here by a small interpreter over many devices and
// accesses so program and decision are shown to agree. The kernel's verifier and hook are
// exercised for real by the integration tests (test_devices.cpp).
#include "cgroup_bpf.h"
#include "error.h"
#include "spec.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using hako::DeviceRequest;
using hako::DeviceRule;

namespace {

constexpr uint32_t kM = BPF_DEVCG_ACC_MKNOD;
constexpr uint32_t kR = BPF_DEVCG_ACC_READ;
constexpr uint32_t kW = BPF_DEVCG_ACC_WRITE;

DeviceRule rule(bool allow, std::string type, std::optional<int64_t> major = std::nullopt,
                std::optional<int64_t> minor = std::nullopt, std::string access = "rwm")
{
    return DeviceRule{allow, std::move(type), major, minor, std::move(access)};
}

std::vector<DeviceRule> dockerRules()
{
    return hako::defaultSpec().linux.resources->devices;
}

bool allowed(const std::vector<DeviceRule> &rules, char type, uint32_t major, uint32_t minor,
             uint32_t access)
{
    return hako::deviceAccessAllowed(rules, DeviceRequest{type, major, minor, access});
}

// ---- A BPF interpreter for the instructions the builder uses --------------------------
//
// It refuses what the kernel's verifier would (reading a register never written, loading
// through anything but the untouched context pointer, unknown opcodes, running off the end),
// so a program it runs is at least plausible for the kernel too.
class Interpreter {
public:
    explicit Interpreter(const std::vector<bpf_insn> &prog) : prog_(prog) {}

    uint64_t run(const bpf_cgroup_dev_ctx &ctx)
    {
        ctx_ = ctx;
        written_ = (1u << BPF_REG_1) | (1u << BPF_REG_10);
        ctxInR1_ = true;
        size_t pc = 0;
        for (size_t steps = 0; steps < 100000; ++steps) {
            if (pc >= prog_.size())
                throw std::runtime_error("ran off the end at " + std::to_string(pc));
            const bpf_insn &insn = prog_[pc++];
            switch (BPF_CLASS(insn.code)) {
            case BPF_LDX:
                load(insn);
                break;
            case BPF_ALU:
                alu32(insn);
                break;
            case BPF_ALU64:
                if (insn.code != (BPF_ALU64 | BPF_MOV | BPF_K))
                    throw std::runtime_error("unexpected alu64 opcode");
                write(insn.dst_reg, static_cast<uint64_t>(static_cast<int64_t>(insn.imm)));
                break;
            case BPF_JMP:
            case BPF_JMP32:
                if (BPF_OP(insn.code) == BPF_EXIT && BPF_CLASS(insn.code) == BPF_JMP)
                    return read(BPF_REG_0);
                if (jumps(insn))
                    pc += insn.off;
                break;
            default:
                throw std::runtime_error("unexpected instruction class");
            }
        }
        throw std::runtime_error("does not terminate");
    }

private:
    uint64_t read(unsigned reg) const
    {
        if (!(written_ & (1u << reg)))
            throw std::runtime_error("reads r" + std::to_string(reg) + " before writing it");
        return regs_[reg];
    }
    void write(unsigned reg, uint64_t value)
    {
        regs_[reg] = value;
        written_ |= 1u << reg;
        if (reg == BPF_REG_1)
            ctxInR1_ = false;
    }

    void load(const bpf_insn &insn)
    {
        if (insn.code != (BPF_LDX | BPF_W | BPF_MEM) || insn.src_reg != BPF_REG_1 || !ctxInR1_)
            throw std::runtime_error("load not from the context");
        if (insn.off < 0 || insn.off % 4 != 0 ||
            static_cast<size_t>(insn.off) + 4 > sizeof(bpf_cgroup_dev_ctx))
            throw std::runtime_error("load outside the context");
        uint32_t value = 0;
        std::memcpy(&value, reinterpret_cast<const char *>(&ctx_) + insn.off, 4);
        write(insn.dst_reg, value);
    }

    void alu32(const bpf_insn &insn)
    {
        const uint32_t src = BPF_SRC(insn.code) == BPF_X ? static_cast<uint32_t>(read(insn.src_reg))
                                                         : static_cast<uint32_t>(insn.imm);
        uint32_t dst = BPF_OP(insn.code) == BPF_MOV ? 0 : static_cast<uint32_t>(read(insn.dst_reg));
        switch (BPF_OP(insn.code)) {
        case BPF_MOV: dst = src; break;
        case BPF_AND: dst &= src; break;
        case BPF_RSH: dst >>= src; break;
        default: throw std::runtime_error("unexpected alu32 op");
        }
        write(insn.dst_reg, dst); // 32-bit results are zero-extended
    }

    bool jumps(const bpf_insn &insn) const
    {
        if (BPF_OP(insn.code) == BPF_JA && BPF_CLASS(insn.code) == BPF_JMP)
            return true;
        if (BPF_SRC(insn.code) != BPF_K)
            throw std::runtime_error("unexpected register comparison");
        const bool narrow = BPF_CLASS(insn.code) == BPF_JMP32;
        const uint64_t lhs = narrow ? static_cast<uint32_t>(read(insn.dst_reg)) : read(insn.dst_reg);
        const uint64_t rhs = narrow ? static_cast<uint32_t>(insn.imm)
                                    : static_cast<uint64_t>(static_cast<int64_t>(insn.imm));
        switch (BPF_OP(insn.code)) {
        case BPF_JEQ: return lhs == rhs;
        case BPF_JNE: return lhs != rhs;
        case BPF_JSET: return (lhs & rhs) != 0;
        default: throw std::runtime_error("unexpected jump op");
        }
    }

    const std::vector<bpf_insn> &prog_;
    bpf_cgroup_dev_ctx ctx_{};
    uint64_t regs_[11] = {};
    unsigned written_ = 0;
    bool ctxInR1_ = true;
};

uint64_t runProgram(const std::vector<bpf_insn> &prog, char type, uint32_t major, uint32_t minor,
                    uint32_t access)
{
    const uint32_t devType = type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR;
    return Interpreter(prog).run(bpf_cgroup_dev_ctx{(access << 16) | devType, major, minor});
}

// The verifier's structural checks: every jump lands inside the program going forward, every
// instruction can be reached, and the last one ends the program.
void expectWellFormed(const std::vector<bpf_insn> &prog)
{
    ASSERT_FALSE(prog.empty());
    std::vector<bool> reached(prog.size(), false);
    reached[0] = true;
    for (size_t pc = 0; pc < prog.size(); ++pc) {
        if (!reached[pc])
            ADD_FAILURE() << "instruction " << pc << " is unreachable";
        const uint8_t cls = BPF_CLASS(prog[pc].code);
        const bool jump = cls == BPF_JMP || cls == BPF_JMP32;
        const bool exit = jump && BPF_OP(prog[pc].code) == BPF_EXIT;
        const bool always = jump && BPF_OP(prog[pc].code) == BPF_JA;
        if (jump && !exit) {
            ASSERT_GE(prog[pc].off, 0) << "backward jump at " << pc;
            const size_t target = pc + 1 + prog[pc].off;
            ASSERT_LT(target, prog.size()) << "jump out of the program at " << pc;
            reached[target] = true;
        }
        if (!exit && !always && pc + 1 < prog.size())
            reached[pc + 1] = true;
    }
    EXPECT_EQ(prog.back().code, BPF_JMP | BPF_EXIT);
}

// Program and decision agree for every type, access and a spread of device numbers,
// including ones the rules name, their neighbours and numbers past INT32_MAX.
void expectProgramMatchesDecision(const std::vector<DeviceRule> &rules)
{
    const std::vector<bpf_insn> prog = hako::buildDeviceProgram(rules);
    expectWellFormed(prog);
    const uint32_t numbers[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 136, 200, 229, 254,
                                0x7fffffffu, 0x80000003u, 0xffffffffu};
    for (const char type : {'c', 'b'})
        for (const uint32_t major : numbers)
            for (const uint32_t minor : numbers)
                for (uint32_t access = 1; access <= (kM | kR | kW); ++access)
                    ASSERT_EQ(runProgram(prog, type, major, minor, access) == 1,
                              allowed(rules, type, major, minor, access))
                        << type << " " << major << ":" << minor << " access " << access;
}

} // namespace

// ---- The decision ---------------------------------------------------------------------

TEST(DeviceRules, DockerDefaults)
{
    const auto rules = dockerRules();
    EXPECT_TRUE(allowed(rules, 'c', 1, 3, kR | kW));   // /dev/null
    EXPECT_TRUE(allowed(rules, 'c', 1, 9, kR));        // /dev/urandom
    EXPECT_TRUE(allowed(rules, 'c', 5, 2, kR | kW));   // /dev/ptmx
    EXPECT_TRUE(allowed(rules, 'c', 136, 5, kR | kW)); // /dev/pts/5
    EXPECT_TRUE(allowed(rules, 'c', 10, 200, kR | kW)); // /dev/net/tun
    EXPECT_FALSE(allowed(rules, 'b', 8, 0, kR));       // a disk
    EXPECT_FALSE(allowed(rules, 'b', 8, 0, kW));
    EXPECT_TRUE(allowed(rules, 'b', 8, 0, kM));        // making the node is fine...
    EXPECT_FALSE(allowed(rules, 'b', 8, 0, kM | kR));  // ...using it is not
    EXPECT_TRUE(allowed(rules, 'c', 10, 229, kM));
    EXPECT_FALSE(allowed(rules, 'c', 10, 229, kR | kW)); // /dev/fuse
    EXPECT_FALSE(allowed(rules, 'c', 1, 1, kR));         // /dev/mem
    EXPECT_FALSE(allowed(rules, 'c', 137, 0, kR));       // pts beyond major 136
}

TEST(DeviceRules, LastMatchWins)
{
    const std::vector<DeviceRule> denyLast = {rule(true, "a"), rule(false, "c", 1, 3)};
    EXPECT_FALSE(allowed(denyLast, 'c', 1, 3, kR));
    EXPECT_TRUE(allowed(denyLast, 'c', 1, 5, kR));
    EXPECT_TRUE(allowed(denyLast, 'b', 1, 3, kR)); // type must match too
    const std::vector<DeviceRule> allowLast = {rule(false, "c", 1, 3), rule(true, "a")};
    EXPECT_TRUE(allowed(allowLast, 'c', 1, 3, kR));
    // A wildcard minor covers every minor of the major, nothing of other majors.
    const std::vector<DeviceRule> wildcard = {rule(false, ""), rule(true, "c", 4, std::nullopt)};
    EXPECT_TRUE(allowed(wildcard, 'c', 4, 64, kR));
    EXPECT_FALSE(allowed(wildcard, 'c', 5, 64, kR));
    // A negative number is the wildcard too, as in the v1 files ("*").
    EXPECT_TRUE(allowed({rule(true, "c", 4, -1)}, 'c', 4, 7, kW));
}

TEST(DeviceRules, EachAccessBitIsDecidedByTheLastRuleNamingIt)
{
    // Like v1, which merges the two allows into one "rw" exception.
    const std::vector<DeviceRule> split = {rule(false, ""), rule(true, "c", 1, 3, "r"),
                                           rule(true, "c", 1, 3, "w")};
    EXPECT_TRUE(allowed(split, 'c', 1, 3, kR | kW));
    EXPECT_FALSE(allowed(split, 'c', 1, 3, kM));
    const std::vector<DeviceRule> readOnly = {rule(false, ""), rule(true, "c", 1, 3, "r")};
    EXPECT_TRUE(allowed(readOnly, 'c', 1, 3, kR));
    EXPECT_FALSE(allowed(readOnly, 'c', 1, 3, kR | kW)); // an O_RDWR open
    const std::vector<DeviceRule> noWrite = {rule(true, "a"), rule(false, "c", 1, 3, "w")};
    EXPECT_TRUE(allowed(noWrite, 'c', 1, 3, kR));
    EXPECT_FALSE(allowed(noWrite, 'c', 1, 3, kW));
    EXPECT_FALSE(allowed(noWrite, 'c', 1, 3, kR | kW));
    // A later allow of "r" overrides an earlier deny of "rw" for "r" only.
    const std::vector<DeviceRule> reopened = {rule(true, "a"), rule(false, "c", 1, 3, "rw"),
                                              rule(true, "c", 1, 3, "r")};
    EXPECT_TRUE(allowed(reopened, 'c', 1, 3, kR));
    EXPECT_FALSE(allowed(reopened, 'c', 1, 3, kW));
}

TEST(DeviceRules, WhatNoRuleNamesIsDenied)
{
    const std::vector<DeviceRule> onlyNull = {rule(true, "c", 1, 3)};
    EXPECT_TRUE(allowed(onlyNull, 'c', 1, 3, kR | kW | kM));
    EXPECT_FALSE(allowed(onlyNull, 'c', 1, 5, kR));
    EXPECT_FALSE(allowed({}, 'c', 1, 3, kR));
}

TEST(DeviceRules, NumbersNoDeviceHasMatchNothing)
{
    // 2^32 + 3 must not be cut down to 3.
    const std::vector<DeviceRule> rules = {rule(false, ""), rule(true, "c", 1, (1LL << 32) + 3)};
    EXPECT_FALSE(allowed(rules, 'c', 1, 3, kR));
    EXPECT_TRUE(allowed({rule(false, ""), rule(true, "c", 1, 0xffffffffLL)}, 'c', 1, 0xffffffffu,
                        kR));
}

TEST(DeviceRules, Unrestricted)
{
    EXPECT_TRUE(hako::devicesUnrestricted({}));
    EXPECT_TRUE(hako::devicesUnrestricted({rule(true, "a")}));
    EXPECT_TRUE(hako::devicesUnrestricted({rule(true, "", std::nullopt, std::nullopt, "")}));
    EXPECT_TRUE(hako::devicesUnrestricted({rule(false, "a"), rule(true, "a")}));
    EXPECT_TRUE(hako::devicesUnrestricted({rule(true, "a"), rule(true, "c", 1, 3, "r")}));
    EXPECT_FALSE(hako::devicesUnrestricted(dockerRules()));
    EXPECT_FALSE(hako::devicesUnrestricted({rule(true, "a", std::nullopt, std::nullopt, "rw")}));
    EXPECT_FALSE(hako::devicesUnrestricted({rule(true, "a"), rule(false, "b", 8, 0, "w")}));
    EXPECT_FALSE(hako::devicesUnrestricted({rule(true, "c")})); // block devices: no rule
}

TEST(DeviceRules, AccessBits)
{
    EXPECT_EQ(hako::deviceAccessBits("r"), kR);
    EXPECT_EQ(hako::deviceAccessBits("wm"), kW | kM);
    EXPECT_EQ(hako::deviceAccessBits(""), kR | kW | kM);
    EXPECT_THROW(hako::deviceAccessBits("rx"), hako::Error);
}

// ---- The program ----------------------------------------------------------------------

TEST(DeviceProgram, MatchesTheDecisionForDockerDefaults)
{
    expectProgramMatchesDecision(dockerRules());
}

TEST(DeviceProgram, MatchesTheDecisionForMixedRules)
{
    expectProgramMatchesDecision({rule(true, "a"), rule(false, "c", 1, 3, "w")});
    expectProgramMatchesDecision({rule(true, "a"), rule(false, "c", 1, 3, "rw"),
                                  rule(true, "c", 1, 3, "r")});
    expectProgramMatchesDecision({rule(false, ""), rule(true, "c", 1, 3, "r"),
                                  rule(true, "c", 1, 3, "w"), rule(true, "b", 8, std::nullopt, "m")});
    expectProgramMatchesDecision({rule(true, "c", 1, 3)}); // no wildcard anywhere
    expectProgramMatchesDecision({rule(false, "", std::nullopt, std::nullopt, "w"),
                                  rule(true, "b", std::nullopt, 0, "rw")});
    expectProgramMatchesDecision({rule(false, ""), rule(true, "c", 0xffffffffLL, 0x80000003LL),
                                  rule(true, "c", 1, (1LL << 32) + 3)});
    expectProgramMatchesDecision({});
}

TEST(DeviceProgram, DockerDefaultsShape)
{
    const std::vector<bpf_insn> prog = hako::buildDeviceProgram(dockerRules());
    // Prologue 6; per device rule: a check each for type, major and minor (pts: no minor)
    // plus "return 1"; the two mknod rules: type check, clear the m bit, "anything left?",
    // "return 1"; then the deny-all, unconditional, ends the program with "return 0".
    EXPECT_EQ(prog.size(), 6u + 9 * 5 + 4 + 2 * 5 + 2);
    EXPECT_EQ(prog[prog.size() - 2].code, BPF_ALU64 | BPF_MOV | BPF_K);
    EXPECT_EQ(prog[prog.size() - 2].imm, 0);
    EXPECT_EQ(prog.back().code, BPF_JMP | BPF_EXIT);
    // The last rule is checked first: tun (c 10:200).
    EXPECT_EQ(prog[6].code, BPF_JMP32 | BPF_JNE | BPF_K);
    EXPECT_EQ(prog[6].imm, BPF_DEVCG_DEV_CHAR);
    EXPECT_EQ(prog[7].imm, 10);
    EXPECT_EQ(prog[8].imm, 200);
}

TEST(DeviceProgram, RulesBeforeAnUnconditionalOneAreLeftOut)
{
    // Everything before the trailing allow-all is unreachable: prologue + "return 1".
    const std::vector<bpf_insn> prog =
        hako::buildDeviceProgram({rule(false, "c", 1, 3), rule(false, "b"), rule(true, "a")});
    ASSERT_EQ(prog.size(), 8u);
    EXPECT_EQ(prog[6].imm, 1);
    expectWellFormed(prog);
    EXPECT_EQ(runProgram(prog, 'c', 1, 3, kR), 1u);
}

TEST(DeviceProgram, RejectsWhatTheKernelCannotBeAskedAbout)
{
    try {
        hako::buildDeviceProgram({rule(false, "a"), rule(true, "x", 1, 3)});
        FAIL() << "unknown type accepted";
    } catch (const hako::Error &e) {
        EXPECT_EQ(std::string(e.what()),
                  "linux.resources.devices[1].type: unknown device type \"x\"");
    }
    EXPECT_THROW(hako::buildDeviceProgram({rule(true, "c", 1, 3, "rwx")}), hako::Error);
}
