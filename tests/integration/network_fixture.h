// Shared set-up for the engine's networking tests: containers on Hako networks, an httpd to
// reach, and what the test's own network namespace (the "host": ctest runs each test in one
// of its own) shows afterwards — links, Hako's nftables table, lease files.
#pragma once

#include "fixture.h"

#include <optional>
#include <string>
#include <vector>

namespace hako::test
{

struct ExecOutput {
    int code = -1;
    std::string out; // stdout and stderr together
};

class NetworkEngineTest : public EngineTest
{
  protected:
    // `sh -c script` on `networks` ("bridge", "front,back"), publishing `ports` ("18080:8080").
    static Spec onNetworks(const std::string &script, const std::string &networks,
                           const std::vector<std::string> &ports = {});
    // A busybox httpd on port 8080 serving "hello-from-<name>", once it listens.
    std::string runWeb(const std::string &name, const std::string &networks,
                       const std::vector<std::string> &ports = {});
    // A container that only sleeps.
    std::string runIdle(const std::string &name, const std::string &networks);
    ExecOutput execIn(const std::string &id, const std::vector<std::string> &args);
    // wget from inside `id` (busybox 1.35's wget -T crashes, so `timeout` bounds it).
    ExecOutput fetchFrom(const std::string &id, const std::string &url);
    // The address of the container's interface on `network` ("" when it has none).
    std::string addressOn(const std::string &id, const std::string &network);
    // Until something listens on TCP `port` in the container's namespace (false after 5 s).
    bool waitListening(const std::string &id, int port);
    std::vector<std::string> leaseFiles(); // every lease under the state root
    NetworkConfig makeNetwork(const std::string &name, const std::string &subnet, bool icc = true);
};

// An HTTP GET from the test process; the body, or nullopt when nothing answered.
std::optional<std::string> httpGet(const std::string &address, int port);
std::vector<std::string> linkNames(); // in the test's namespace
// Whether this process runs in a network namespace other than the machine's (as
// tests/in-netns.sh puts it): tests that change links or nftables check it first. Where
// /proc/1/ns/net is out of reach (a sandbox), a namespace with no link but lo and Hako's own
// is taken for the test's.
bool inOwnNetworkNamespace();
bool hasLinkStartingWith(const std::string &prefix);
// `nft list table ip hako` (-a: with the handles, which change when the table is remade), ""
// when there is none.
std::string nftTable(bool withHandles = false);

} // namespace hako::test
