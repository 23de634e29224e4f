// Specs the engine cannot run: create() refuses them with a SpecError whose message names
// the offending field by its JSON path, and leaves nothing on disk.
#include "fixture.h"

#include "error.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

using namespace hako;
using namespace hako::test;

namespace {

std::string createError(Engine &engine, const Spec &spec)
{
    try {
        engine.create({"", "busybox", spec});
    } catch (const SpecError &e) {
        return e.what();
    } catch (const std::exception &e) {
        return std::string("not a SpecError: ") + e.what();
    }
    return "<created>";
}

bool hasLine(const std::string &text, const std::string &line)
{
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l == line)
            return true;
    return false;
}

bool hasLineStartingWith(const std::string &text, const std::string &prefix)
{
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        if (l.starts_with(prefix))
            return true;
    return false;
}

} // namespace

class SpecErrorTest : public EngineTest {
protected:
    // Nothing of a refused container may stay: not listed, no directory, no staging dir.
    void expectNothingCreated()
    {
        EXPECT_TRUE(engine_->list().empty());
        for (const auto &entry :
             std::filesystem::directory_iterator(engine_->store().containersDir())) {
            const std::string name = entry.path().filename();
            EXPECT_FALSE(name.starts_with(".new-")) << "half-made container: " << entry.path();
            if (name == ".names")
                EXPECT_TRUE(std::filesystem::is_empty(entry.path())) << "a name stayed claimed";
            else
                EXPECT_EQ(name, ".lock") << "left behind: " << entry.path();
        }
    }
};

TEST_F(SpecErrorTest, MountNamespaceIsRequired)
{
    Spec spec = shellSpec("true");
    auto &ns = spec.linux.namespaces;
    std::erase_if(ns, [](const Namespace &n) { return n.type == NamespaceType::Mount; });
    const std::string why = createError(*engine_, spec);
    EXPECT_TRUE(hasLineStartingWith(why, "linux.namespaces: a mount namespace is required"))
        << why;
    expectNothingCreated();
}

TEST_F(SpecErrorTest, UserNamespaceNeedsMappings)
{
    Spec spec = shellSpec("true");
    spec.linux.namespaces.push_back({NamespaceType::User, ""});
    const std::string why = createError(*engine_, spec);
    EXPECT_TRUE(hasLine(why, "linux.uidMappings: required when a user namespace is created"))
        << why;
    EXPECT_TRUE(hasLine(why, "linux.gidMappings: required when a user namespace is created"))
        << why;
    expectNothingCreated();
}

TEST_F(SpecErrorTest, JoiningAMountNamespaceIsRefused)
{
    Spec spec = shellSpec("true");
    for (Namespace &n : spec.linux.namespaces)
        if (n.type == NamespaceType::Mount)
            n.path = "/proc/1/ns/mnt";
    const std::string why = createError(*engine_, spec);
    EXPECT_TRUE(hasLine(why, "linux.namespaces: joining another mount namespace is not supported"))
        << why;
    expectNothingCreated();
}

TEST_F(SpecErrorTest, EveryProblemIsReportedWithItsPath)
{
    Spec spec = shellSpec("true");
    spec.process.cwd = "relative";
    spec.mounts.push_back({"not/absolute", "tmpfs", "tmpfs", {}});
    const std::string why = createError(*engine_, spec);
    EXPECT_TRUE(hasLine(why, "process.cwd: must be absolute")) << why;
    const std::string mountPath =
        "mounts[" + std::to_string(spec.mounts.size() - 1) + "].destination";
    EXPECT_NE(why.find(mountPath + ": "), std::string::npos) << why;
    expectNothingCreated();
}

TEST_F(SpecErrorTest, InvalidNameLeavesNothing)
{
    EXPECT_THROW(engine_->create({"a b", "busybox", shellSpec("true")}), SpecError);
    expectNothingCreated();
}

// Empty args cannot reach the engine with busybox (its image command is "sh"): a bundle's
// config.json is where they are caught.
TEST(SpecParseErrors, EmptyArgsInABundle)
{
    nlohmann::json json = nlohmann::json::parse(toJsonText(defaultSpec()));
    json["process"]["args"] = nlohmann::json::array();
    json["root"] = {{"path", "rootfs"}};
    const ParseResult result = parseSpec(json, ValidateMode::Bundle);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(hasLine(result.errorText(), "process.args: must not be empty"))
        << result.errorText();
}

TEST(SpecParseErrors, EmptyArgsAreFineFromAnImage)
{
    Spec spec = defaultSpec();
    spec.process.args.clear();
    EXPECT_TRUE(validateSpec(spec, ValidateMode::FromImage).empty());
}

TEST_F(SpecErrorTest, ImageCommandFillsEmptyArgs)
{
    Spec spec = defaultSpec();
    spec.process.args.clear();
    const std::string id = engine_->create({"", "busybox", spec});
    EXPECT_EQ(engine_->inspect(id).spec.process.args, (std::vector<std::string>{"sh"}));
}
