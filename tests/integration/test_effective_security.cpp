// Engine::effectiveSecurity against real containers: what the kernel reports for PID 1
// matches what the spec asked for (capabilities, seccomp, no_new_privs, user namespace).
#include "fixture.h"

#include "effective_security.h"
#include "error.h"
#include "seccomp_profile.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

using namespace hako;
using namespace hako::test;

namespace {

const std::vector<std::string> kDockerCaps = {
    "CAP_CHOWN",       "CAP_DAC_OVERRIDE", "CAP_FOWNER",  "CAP_FSETID",
    "CAP_KILL",        "CAP_SETGID",       "CAP_SETUID",  "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SYS_CHROOT", "CAP_MKNOD",
    "CAP_AUDIT_WRITE", "CAP_SETFCAP",
};

} // namespace

TEST_F(EngineTest, DefaultContainerRunsWithDockersCapabilitiesAndAFilter)
{
    const std::string id = run(shellSpec("sleep 1000"));
    const EffectiveSecurity s = engine_->effectiveSecurity(id);
    EXPECT_EQ(capabilityNamesIn(s.effective), kDockerCaps); // kernel order, as kDockerCaps
    EXPECT_EQ(capabilityNamesIn(s.permitted), kDockerCaps);
    EXPECT_EQ(capabilityNamesIn(s.bounding), kDockerCaps);
    EXPECT_EQ(s.inheritable, 0u);
    EXPECT_EQ(s.ambient, 0u);
    EXPECT_EQ(s.seccompMode, 2);
    EXPECT_GE(s.seccompFilters, 1);
    EXPECT_FALSE(s.noNewPrivileges);
    EXPECT_EQ(s.hostUids, (std::vector<uint32_t>{0, 0, 0, 0})) << "no user namespace: host root";
    // Read by name too, and from a paused container, whose process is frozen but there.
    EXPECT_EQ(engine_->effectiveSecurity(engine_->state(id).name), s);
    engine_->pause(id);
    EXPECT_EQ(engine_->effectiveSecurity(id), s);
    engine_->unpause(id);
}

TEST_F(EngineTest, DroppingEveryCapabilityLeavesNone)
{
    Spec spec = shellSpec("sleep 1000");
    spec.process.capabilities = Capabilities{};
    spec.linux.seccomp = defaultSeccomp({});
    const EffectiveSecurity s = engine_->effectiveSecurity(run(spec));
    EXPECT_EQ(s.effective, 0u) << ::testing::PrintToString(capabilityNamesIn(s.effective));
    EXPECT_EQ(s.permitted, 0u);
    EXPECT_EQ(s.bounding, 0u);
    EXPECT_EQ(s.seccompMode, 2);
}

TEST_F(EngineTest, NoNewPrivilegesIsInForce)
{
    Spec spec = shellSpec("sleep 1000");
    spec.process.noNewPrivileges = true;
    const EffectiveSecurity s = engine_->effectiveSecurity(run(spec));
    EXPECT_TRUE(s.noNewPrivileges);
    EXPECT_EQ(s.seccompMode, 2);
}

TEST_F(EngineTest, UserNamespaceMappingIsReadFromTheHost)
{
    Spec spec = shellSpec("sleep 1000");
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    spec.linux.uidMappings = {{0, 100000, 65536}};
    spec.linux.gidMappings = {{0, 100000, 65536}};
    ASSERT_EQ(::chmod(root_.c_str(), 0711), 0); // the mapped root must reach its layers
    const EffectiveSecurity s = engine_->effectiveSecurity(run(spec));
    EXPECT_EQ(s.uidMap, (std::vector<IdMapping>{{0, 100000, 65536}}));
    EXPECT_EQ(s.gidMap, (std::vector<IdMapping>{{0, 100000, 65536}}));
    EXPECT_EQ(s.hostUids, (std::vector<uint32_t>{100000, 100000, 100000, 100000}));
    EXPECT_EQ(s.hostGids, (std::vector<uint32_t>{100000, 100000, 100000, 100000}));
    // Capabilities count inside the container's own namespace; the sets are still Docker's.
    EXPECT_EQ(capabilityNamesIn(s.effective), kDockerCaps);
}

TEST_F(EngineTest, EffectiveSecurityNeedsALiveContainer)
{
    const std::string created = engine_->create({"", "busybox", shellSpec("true")});
    EXPECT_THROW(engine_->effectiveSecurity(created), StateError);
    const ContainerState end = runToEnd(shellSpec("true"));
    try {
        engine_->effectiveSecurity(end.id);
        ADD_FAILURE() << "a stopped container has no effective security";
    } catch (const StateError &e) {
        EXPECT_NE(std::string(e.what()).find("is not running"), std::string::npos) << e.what();
    }
    EXPECT_THROW(engine_->effectiveSecurity("no-such-container"), NotFoundError);
}
