// docker update's payload: linux.resources read on its own (parseResources), written back
// (toJsonText) and laid over a container's limits (mergeResources).
#include "spec.h"

#include <gtest/gtest.h>

using namespace hako;

namespace {

std::vector<std::string> errorTexts(const ResourcesParseResult &result)
{
    std::vector<std::string> texts;
    for (const SpecIssue &issue : result.errors)
        texts.push_back(issue.text());
    return texts;
}

} // namespace

TEST(ParseResourcesTest, ReadsEverySection)
{
    const ResourcesParseResult result = parseResources(R"({
        "memory": {"limit": 104857600, "reservation": 52428800, "swap": 209715200,
                   "disableOOMKiller": true},
        "cpu": {"shares": 512, "quota": 50000, "period": 100000, "cpus": "0-1,3", "mems": "0"},
        "pids": {"limit": 20},
        "blockIO": {"weight": 300,
                    "throttleWriteBpsDevice": [{"major": 7, "minor": 0, "rate": 1048576}]}
    })");
    ASSERT_TRUE(result.resources) << result.errorText();
    const Resources &res = *result.resources;
    EXPECT_EQ(res.memory->limit, 104857600);
    EXPECT_EQ(res.memory->reservation, 52428800);
    EXPECT_EQ(res.memory->swap, 209715200);
    EXPECT_EQ(res.memory->disableOOMKiller, true);
    EXPECT_EQ(res.cpu->shares, 512u);
    EXPECT_EQ(res.cpu->quota, 50000);
    EXPECT_EQ(res.cpu->period, 100000u);
    EXPECT_EQ(res.cpu->cpus, "0-1,3");
    EXPECT_EQ(res.pids->limit, 20);
    EXPECT_EQ(res.blockIO->weight, 300);
    EXPECT_EQ(res.blockIO->throttleWriteBpsDevice, (std::vector<ThrottleDevice>{{7, 0, 1048576}}));
    EXPECT_TRUE(result.errors.empty());
}

TEST(ParseResourcesTest, ShapeErrorsNameTheirPaths)
{
    const ResourcesParseResult result = parseResources(R"({
        "memory": {"limit": "100m"},
        "cpu": {"shares": -1},
        "pids": {},
        "blockIO": {"throttleReadBpsDevice": [{"major": 8, "minor": 0}]},
        "memroy": {}
    })");
    EXPECT_FALSE(result.resources);
    EXPECT_EQ(errorTexts(result),
              (std::vector<std::string>{
                  "linux.resources.memory.limit: expected an integer, got string",
                  "linux.resources.cpu.shares: -1 is out of range (0..18446744073709551615)",
                  "linux.resources.pids.limit: required",
                  "linux.resources.blockIO.throttleReadBpsDevice[0].rate: required",
                  "linux.resources.memroy: not supported by hako",
              }));
}

TEST(ParseResourcesTest, ValueRulesNameTheirPaths)
{
    const ResourcesParseResult result = parseResources(R"({
        "memory": {"limit": 104857600, "swap": 52428800, "reservation": -5},
        "cpu": {"quota": 500, "period": 5000000, "cpus": "0-", "mems": "a"},
        "blockIO": {"weight": 5, "weightDevice": [{"major": 8, "minor": 0, "weight": 2000}]}
    })");
    EXPECT_FALSE(result.resources);
    EXPECT_EQ(errorTexts(result),
              (std::vector<std::string>{
                  "linux.resources.memory.reservation: -5 is not a size (-1 means no limit)",
                  "linux.resources.memory.swap: memory+swap limit 52428800 is below the memory "
                  "limit 104857600",
                  "linux.resources.cpu.period: 5000000 is out of range (1000..1000000 "
                  "microseconds)",
                  "linux.resources.cpu.quota: 500 is below 1000 microseconds (-1 means no limit)",
                  "linux.resources.cpu.cpus: \"0-\" is not a list like \"0-3,6\"",
                  "linux.resources.cpu.mems: \"a\" is not a list like \"0-3,6\"",
                  "linux.resources.blockIO.weight: 5 is out of range (10..1000)",
                  "linux.resources.blockIO.weightDevice[0].weight: 2000 is out of range (10..1000)",
              }));
}

TEST(ParseResourcesTest, SwapNeedsAMemoryLimit)
{
    const ResourcesParseResult result = parseResources(R"({"memory": {"swap": 52428800}})");
    EXPECT_EQ(errorTexts(result),
              (std::vector<std::string>{
                  "linux.resources.memory.swap: a memory+swap limit needs a memory limit"}));
    EXPECT_TRUE(parseResources(R"({"memory": {"swap": -1}})").resources);
    EXPECT_TRUE(parseResources(R"({"memory": {"limit": -1, "swap": -1}})").resources);
}

TEST(ParseResourcesTest, MalformedJsonAndNonObjects)
{
    const ResourcesParseResult broken = parseResources(R"({"memory": )");
    ASSERT_EQ(broken.errors.size(), 1u);
    EXPECT_EQ(broken.errors[0].path, "");
    EXPECT_TRUE(broken.errorText().starts_with("invalid JSON at byte")) << broken.errorText();
    EXPECT_EQ(errorTexts(parseResources("[]")),
              (std::vector<std::string>{"linux.resources: expected an object, got array"}));
    EXPECT_TRUE(parseResources("{}").resources);
    EXPECT_TRUE(parseResources(R"({"memory": null})").resources); // null is absent
}

TEST(ParseResourcesTest, RoundTripsThroughToJsonText)
{
    Resources res;
    res.memory = MemoryResources{};
    res.memory->limit = 1 << 30;
    res.cpu = CpuResources{};
    res.cpu->cpus = "1";
    res.pids = PidsResources{-1};
    res.blockIO = BlockIoResources{};
    res.blockIO->throttleReadIOPSDevice.push_back({8, 0, 100});
    const std::string text = toJsonText(res);
    EXPECT_EQ(text, R"({"blockIO":{"throttleReadIOPSDevice":[{"major":8,"minor":0,"rate":100}]},)"
                    R"("cpu":{"cpus":"1"},"memory":{"limit":1073741824},"pids":{"limit":-1}})");
    const ResourcesParseResult back = parseResources(text);
    ASSERT_TRUE(back.resources) << back.errorText();
    EXPECT_EQ(*back.resources, res);
    EXPECT_EQ(toJsonText(Resources{}), "{}");
}

TEST(MergeResourcesTest, SetFieldsReplaceAndTheRestStays)
{
    Resources base;
    base.memory = MemoryResources{};
    base.memory->limit = 100;
    base.memory->reservation = 50;
    base.cpu = CpuResources{};
    base.cpu->shares = 512;
    base.cpu->cpus = "0";
    base.pids = PidsResources{20};
    base.devices.push_back({false, "a", std::nullopt, std::nullopt, "rwm"});

    Resources patch;
    patch.memory = MemoryResources{};
    patch.memory->limit = 200;
    patch.cpu = CpuResources{};
    patch.cpu->quota = 50000;
    const Resources merged = mergeResources(base, patch);
    EXPECT_EQ(merged.memory->limit, 200);
    EXPECT_EQ(merged.memory->reservation, 50);
    EXPECT_EQ(merged.cpu->shares, 512u);
    EXPECT_EQ(merged.cpu->quota, 50000);
    EXPECT_EQ(merged.cpu->cpus, "0");
    EXPECT_EQ(merged.pids->limit, 20);
    EXPECT_EQ(merged.devices, base.devices);
    EXPECT_FALSE(merged.blockIO);
    EXPECT_EQ(mergeResources(base, Resources{}), base);
}

TEST(MergeResourcesTest, SectionsTheBaseLacksAreAdded)
{
    Resources patch;
    patch.pids = PidsResources{-1};
    patch.blockIO = BlockIoResources{};
    patch.blockIO->weight = 300;
    const Resources merged = mergeResources(Resources{}, patch);
    EXPECT_EQ(merged, patch);
}

TEST(MergeResourcesTest, DeviceListsReplacePerDevice)
{
    Resources base;
    base.blockIO = BlockIoResources{};
    base.blockIO->throttleWriteBpsDevice = {{8, 0, 1000}, {8, 16, 2000}};
    base.blockIO->weightDevice = {{8, 0, 100, std::nullopt}};
    Resources patch;
    patch.blockIO = BlockIoResources{};
    patch.blockIO->throttleWriteBpsDevice = {{8, 16, 0}, {7, 0, 500}};
    patch.blockIO->weightDevice = {{8, 0, 900, std::nullopt}};
    const Resources merged = mergeResources(base, patch);
    EXPECT_EQ(merged.blockIO->throttleWriteBpsDevice,
              (std::vector<ThrottleDevice>{{8, 0, 1000}, {8, 16, 0}, {7, 0, 500}}));
    EXPECT_EQ(merged.blockIO->weightDevice, (std::vector<WeightDevice>{{8, 0, 900, std::nullopt}}));
}
