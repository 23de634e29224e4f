#include "error.h"
#include "fs.h"
#include "state.h"
#include "store.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

using namespace hako;

namespace {
ContainerState withStatus(Status status)
{
    ContainerState s;
    s.id = std::string(64, 'a');
    s.name = "web";
    s.status = status;
    return s;
}
} // namespace

TEST(State, VerbsSayWhyTheyRefuse)
{
    EXPECT_EQ(whyCannotStart(withStatus(Status::Running)), "container web is already running");
    EXPECT_EQ(whyCannotStart(withStatus(Status::Stopped)), "");
    EXPECT_EQ(whyCannotStart(withStatus(Status::Created)), "");
    EXPECT_NE(whyCannotStop(withStatus(Status::Created)).find("is not running"), std::string::npos);
    EXPECT_EQ(whyCannotStop(withStatus(Status::Running)), "");
    EXPECT_EQ(whyCannotRemove(withStatus(Status::Running), false),
              "container web is running: stop it first or force the removal");
    EXPECT_EQ(whyCannotRemove(withStatus(Status::Running), true), "");
    EXPECT_NE(whyCannotExec(withStatus(Status::Paused)).find("unpause"), std::string::npos);
}

TEST(State, PauseNeedsRunningAndUnpauseNeedsPaused)
{
    EXPECT_EQ(whyCannotPause(withStatus(Status::Running)), "");
    EXPECT_EQ(whyCannotPause(withStatus(Status::Paused)), "container web is already paused");
    EXPECT_EQ(whyCannotPause(withStatus(Status::Created)),
              "container web is not running (created)");
    EXPECT_EQ(whyCannotUnpause(withStatus(Status::Paused)), "");
    EXPECT_EQ(whyCannotUnpause(withStatus(Status::Running)),
              "container web is not paused (running)");
    // A paused container can still be stopped, killed and removed by force.
    EXPECT_EQ(whyCannotStop(withStatus(Status::Paused)), "");
    EXPECT_EQ(whyCannotKill(withStatus(Status::Paused)), "");
    EXPECT_EQ(whyCannotRemove(withStatus(Status::Paused), true), "");
}

TEST(State, OomKilledIsSaidSoAndSurvivesJson)
{
    ContainerState s = withStatus(Status::Stopped);
    s.exitSignal = SIGKILL;
    s.oomKilled = true;
    EXPECT_EQ(s.exitStatus(), 137);
    EXPECT_EQ(s.describe(), "stopped (OOM killed)");
    EXPECT_TRUE(stateFromJson(toJson(s)).oomKilled);
}

TEST(State, ExitStatusFollowsDockersConvention)
{
    ContainerState s = withStatus(Status::Stopped);
    s.exitCode = 3;
    EXPECT_EQ(s.exitStatus(), 3);
    EXPECT_EQ(s.describe(), "stopped (exit code 3)");
    s.exitCode.reset();
    s.exitSignal = SIGKILL;
    EXPECT_EQ(s.exitStatus(), 137);
    EXPECT_EQ(s.describe(), "stopped (killed by SIGKILL)");
}

TEST(State, JsonRoundTrips)
{
    ContainerState s = withStatus(Status::Stopped);
    s.image = "busybox";
    s.pid = {42, 1234};
    s.createdAt = 1;
    s.startedAt = 2;
    s.finishedAt = 3;
    s.exitSignal = 9;
    s.error = "why";
    const ContainerState back = stateFromJson(toJson(s));
    EXPECT_EQ(toJson(back), toJson(s));
}

TEST(State, UnknownStatusIsAnError)
{
    nlohmann::json j = toJson(withStatus(Status::Created));
    j["status"] = "zombie";
    EXPECT_THROW(stateFromJson(j), Error);
}

TEST(Store, NamesFollowDockersRule)
{
    EXPECT_EQ(validateName("web-1_a.b"), "");
    EXPECT_NE(validateName("-web"), "");
    EXPECT_NE(validateName("a b"), "");
    EXPECT_NE(validateName("x"), "");
    EXPECT_NE(validateName("../etc"), "");
}

TEST(Store, IdsAreUniqueHex)
{
    const std::string a = generateId(), b = generateId();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
}

TEST(Store, ResolvesIdsPrefixesAndNames)
{
    char tmpl[] = "/tmp/hako-store-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    const StateStore store(tmpl);
    ContainerState one = withStatus(Status::Created), two = withStatus(Status::Created);
    one.id = "ab" + std::string(62, '1');
    one.name = "first";
    two.id = "ac" + std::string(62, '2');
    two.name = "second";
    for (const auto &s : {one, two}) {
        makeDirs(store.containerDir(s.id));
        store.saveState(s);
        EXPECT_TRUE(store.claimName(s.name, s.id));
    }
    EXPECT_FALSE(store.claimName("first", two.id)); // taken
    EXPECT_TRUE(store.claimName("first", one.id));  // its own: fine
    EXPECT_EQ(store.resolve("first"), one.id);
    EXPECT_EQ(store.resolve("ac"), two.id);
    EXPECT_EQ(store.resolve(one.id), one.id);
    EXPECT_THROW(store.resolve("a"), NotFoundError); // ambiguous
    EXPECT_THROW(store.resolve("zzz"), NotFoundError);
    EXPECT_FALSE(pathExists(store.statePath(one.id) + ".tmp"));
    // A name whose container is gone (a crash mid-create) can be taken over.
    removeTree(store.containerDir(one.id));
    EXPECT_THROW(store.resolve("first"), NotFoundError);
    EXPECT_TRUE(store.claimName("first", two.id));
    store.releaseName("first", one.id); // not its holder any more: no effect
    EXPECT_EQ(store.idForName("first"), two.id);
    removeTree(tmpl);
}
