// Compiled seccomp programs: compiled once per distinct filter and kept in a content-addressed
// cache, read back byte for byte; a damaged entry is compiled again, never loaded.
#include "fs.h"
#include "process_setup.h"
#include "seccomp_profile.h"

#include <gtest/gtest.h>

#include <linux/filter.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

using namespace hako;

namespace {

class SeccompCache : public ::testing::Test {
protected:
    void SetUp() override
    {
        char tmpl[] = "/tmp/hako-seccomp-cache-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::vector<std::filesystem::path> entries() const
    {
        std::vector<std::filesystem::path> out;
        for (const auto &e : std::filesystem::directory_iterator(dir_ + "/cache"))
            out.push_back(e.path());
        return out;
    }

    std::string dir_;
};

TEST_F(SeccompCache, CompilesOnceAndReadsTheSameProgramBack)
{
    const Seccomp filter = defaultSeccomp({});
    const SeccompProgram first = compiledSeccomp(filter, dir_ + "/cache");
    ASSERT_FALSE(first.code.empty());
    EXPECT_EQ(first.code.size() % sizeof(sock_filter), 0u);
    ASSERT_EQ(entries().size(), 1u);
    const SeccompProgram again = compiledSeccomp(filter, dir_ + "/cache");
    EXPECT_EQ(again.code, first.code);
    EXPECT_EQ(entries().size(), 1u);

    // Another filter (another capability set changes the conditional rules): its own entry.
    const SeccompProgram admin = compiledSeccomp(defaultSeccomp({"CAP_SYS_ADMIN"}), dir_ + "/cache");
    EXPECT_NE(admin.code, first.code);
    EXPECT_EQ(entries().size(), 2u);
}

TEST_F(SeccompCache, ADamagedEntryIsCompiledAgain)
{
    const Seccomp filter = defaultSeccomp({});
    const SeccompProgram good = compiledSeccomp(filter, dir_ + "/cache");
    const std::string entry = entries().front();
    writeFileAtomic(entry, "not a whole instruction", 0600);
    EXPECT_EQ(compiledSeccomp(filter, dir_ + "/cache").code, good.code);
    EXPECT_EQ(readFile(entry), good.code);
}

// The cached program is the filter: loaded in a child, a denied call answers EPERM.
TEST_F(SeccompCache, TheLoadedProgramDeniesWhatTheProfileDenies)
{
    const SeccompProgram program = compiledSeccomp(defaultSeccomp({}), dir_ + "/cache");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // Without CAP_SYS_ADMIN (an unprivileged run) a filter needs no_new_privs.
        ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        try {
            applySeccomp(program);
        } catch (...) {
            ::_exit(2);
        }
        // acct is refused by the default profile without CAP_SYS_PACCT.
        const bool refused = ::acct(nullptr) < 0 && errno == EPERM;
        ::_exit(refused ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "2: the program did not load; 1: acct was not refused";
}

} // namespace
