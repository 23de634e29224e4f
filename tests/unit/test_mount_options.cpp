#include "rootfs.h"

#include <gtest/gtest.h>

#include <sys/mount.h>

using namespace hako;

TEST(MountOptions, FlagsPropagationAndDataAreSeparated)
{
    const auto o = parseMountOptions({"nosuid", "noexec", "rbind", "ro", "rslave", "size=64k", "mode=755"});
    EXPECT_TRUE(o.bind);
    EXPECT_TRUE(o.recursive);
    EXPECT_EQ(o.flags, static_cast<unsigned long>(MS_NOSUID | MS_NOEXEC | MS_RDONLY));
    EXPECT_EQ(o.propagation, static_cast<unsigned long>(MS_SLAVE | MS_REC));
    EXPECT_EQ(o.data, "size=64k,mode=755");
}

TEST(MountOptions, LaterOptionsOverrideEarlierOnes)
{
    EXPECT_EQ(parseMountOptions({"ro", "rw"}).flags & MS_RDONLY, 0ul);
    EXPECT_EQ(parseMountOptions({"rw", "ro"}).flags & MS_RDONLY, static_cast<unsigned long>(MS_RDONLY));
    EXPECT_FALSE(parseMountOptions({"bind"}).recursive);
}
