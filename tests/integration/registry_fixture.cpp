#include "registry_fixture.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace hako::test {

namespace {

const std::string kScripts = HAKO_TEST_REGISTRY_SCRIPTS;

std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

} // namespace

std::string shell(const std::string &command)
{
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        throw std::runtime_error("popen " + command);
    std::string out;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, n);
    const int status = ::pclose(pipe);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("command failed (" + std::to_string(status) + "): " + command + "\n" + out);
    return out;
}

LoopbackRegistry::LoopbackRegistry(Kind kind, const std::string &user, const std::string &password)
{
    char tmpl[] = "/tmp/hako-registry-XXXXXX";
    if (!::mkdtemp(tmpl))
        throw std::runtime_error("mkdtemp");
    dir_ = tmpl;
    if (kind == Kind::Distribution) {
        pidFile_ = dir_ + "/registry.pid";
        logFile_ = dir_ + "/registry.log";
        port_ = std::stoi(shell(kScripts + "/serve.sh " + dir_ + (user.empty() ? "" : " " + user + " " + password)));
        credentials_ = user.empty() ? "" : user + ":" + password;
        shell((credentials_.empty() ? "" : "REGISTRY_CREDS=" + credentials_ + " ") + kScripts
              + "/make-test-image.sh " + std::to_string(port_));
        return;
    }
    pidFile_ = dir_ + "/fake.pid";
    logFile_ = dir_ + "/fake.log";
    const std::string mode = kind == Kind::FakeBadDigest ? "bad-digest" : "bearer " + user + " " + password;
    shell("setsid python3 " + kScripts + "/fake_registry.py " + dir_ + " " + mode + " > " + dir_
          + "/port 2>" + dir_ + "/fake.err < /dev/null &");
    for (int i = 0; i < 100 && port_ == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string text = readFile(dir_ + "/port");
        if (!text.empty() && text.back() == '\n')
            port_ = std::stoi(text);
    }
    if (port_ == 0)
        throw std::runtime_error("fake registry did not start: " + readFile(dir_ + "/fake.err"));
}

LoopbackRegistry::~LoopbackRegistry()
{
    const std::string pid = readFile(pidFile_);
    if (!pid.empty())
        ::kill(std::stoi(pid), SIGTERM);
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
}

int LoopbackRegistry::countRequests(const std::string &needle) const
{
    std::ifstream in(logFile_);
    int count = 0;
    for (std::string line; std::getline(in, line);)
        // "GET /v2/…" appears once per request: in docker-registry's access-log line (its
        // structured line says uri=/v2/… instead) and in the fake's log.
        if (line.find(needle) != std::string::npos)
            ++count;
    return count;
}

std::string LoopbackRegistry::get(const std::string &path, const std::string &authorization) const
{
    std::string auth = credentials_.empty() ? "" : " -u " + credentials_;
    if (!authorization.empty())
        auth = " -H 'Authorization: " + authorization + "'";
    return shell("curl -sf" + auth
                 + " -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json'"
                 + " http://" + host() + "/v2/" + path);
}

} // namespace hako::test
