#include "fixture.h"

#include "fs.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hako::test {

void requireRoot()
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root: containers are built from kernel namespaces";
}

void EngineTest::SetUp()
{
    requireRoot();
    if (IsSkipped())
        return;
    char tmpl[] = "/tmp/hako-test-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    EngineOptions options;
    options.stateRoot = root_;
    options.monitorPath = HAKO_TEST_MONITOR;
    engine_ = std::make_unique<Engine>(options);
}

void EngineTest::TearDown()
{
    if (!engine_)
        return;
    for (const auto &state : engine_->list()) {
        try {
            engine_->remove(state.id, true);
        } catch (const std::exception &e) {
            ADD_FAILURE() << "cleanup of " << state.name << ": " << e.what();
        }
    }
    engine_.reset();
    removeTree(root_);
}

Spec EngineTest::shellSpec(const std::string &script)
{
    Spec spec = defaultSpec();
    spec.process.args = {"sh", "-c", script};
    return spec;
}

std::string EngineTest::run(const Spec &spec, const std::string &name)
{
    const std::string id = engine_->create({name, "busybox", spec});
    engine_->start(id);
    return id;
}

ContainerState EngineTest::runToEnd(const Spec &spec, const std::string &name)
{
    const std::string id = run(spec, name);
    auto state = engine_->wait(id, std::chrono::seconds(30));
    if (!state)
        throw std::runtime_error("container did not end within 30 s");
    return *state;
}

std::vector<std::string> EngineTest::logLines(const std::string &id)
{
    std::vector<std::string> lines;
    engine_->logs(id, {}, [&](const LogLine &line) {
        lines.push_back(line.text);
        return true;
    });
    return lines;
}

std::string EngineTest::output(const std::string &id)
{
    std::string out;
    for (const auto &line : logLines(id))
        out += (out.empty() ? "" : "\n") + line;
    return out;
}

std::vector<std::string> splitWords(const std::string &text)
{
    std::istringstream in(text);
    std::vector<std::string> words;
    for (std::string word; in >> word;)
        words.push_back(word);
    return words;
}

std::string statusField(pid_t pid, const std::string &key)
{
    std::istringstream in(readFile("/proc/" + std::to_string(pid) + "/status"));
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(key + ":"))
            return line.substr(key.size() + 1);
    return "<no " + key + ">";
}

std::string hostMountTable()
{
    std::ifstream in("/proc/self/mountinfo");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> hakoCgroupDirs()
{
    std::vector<std::string> dirs;
    std::error_code ec;
    for (const auto &hierarchy : std::filesystem::directory_iterator("/sys/fs/cgroup", ec)) {
        const auto hako = hierarchy.path() / "hako";
        for (const auto &entry : std::filesystem::directory_iterator(hako, ec))
            if (entry.is_directory())
                dirs.push_back(entry.path().string());
    }
    std::sort(dirs.begin(), dirs.end());
    return dirs;
}

std::vector<int> monitorPids()
{
    std::vector<int> pids;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        // A monitor that has exited but awaits reaping by PID 1 is gone for our purposes.
        std::ifstream stat(entry.path() / "stat");
        std::string line;
        std::getline(stat, line);
        const auto close = line.rfind(')');
        const bool zombie = close != std::string::npos && line.compare(close + 2, 1, "Z") == 0;
        if (!zombie && line.find("(hako-monitor)") != std::string::npos)
            pids.push_back(std::stoi(name));
    }
    std::sort(pids.begin(), pids.end());
    return pids;
}

} // namespace hako::test
