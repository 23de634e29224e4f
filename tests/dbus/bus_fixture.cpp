#include "bus_fixture.h"

#include "engine.h"
#include "spec.h"

#include <QDBusConnectionInterface>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace hako::dbustest {

namespace {

using namespace std::chrono_literals;

const std::string kSystemConf = "/usr/share/dbus-1/system.conf";
const std::string kPolkitd = "/usr/lib/polkit-1/polkitd";
const std::string kInstalledPolicy = "/usr/share/polkit-1/actions/org.hako.containers1.policy";

BusEnvironment *g_instance = nullptr;

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

// Replaces every match of `pattern` in `text`.
std::string replaceAll(const std::string &text, const std::string &pattern, const std::string &with)
{
    return std::regex_replace(text, std::regex(pattern), with);
}

bool hakoctlBuilt() { return !hakoctlPath().empty() && ::access(hakoctlPath().c_str(), X_OK) == 0; }

// Mount points under `prefix` in our mount namespace.
std::set<std::string> mountsUnder(const std::string &prefix)
{
    std::set<std::string> found;
    std::istringstream table(readFile("/proc/self/mountinfo"));
    std::string line;
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string id, parent, dev, root, point;
        fields >> id >> parent >> dev >> root >> point;
        if (point.rfind(prefix, 0) == 0)
            found.insert(point);
    }
    return found;
}

} // namespace

// ---------------------------------------------------------------- the environment

BusEnvironment &BusEnvironment::instance()
{
    return *g_instance;
}

void BusEnvironment::SetUp()
{
    g_instance = this;
    if (::geteuid() != 0) {
        skipReason_ = "needs root: the fixture runs its own dbus-daemon, polkitd and hako-helper";
        return;
    }
    const auto begin = std::chrono::steady_clock::now();
    char tmpl[] = "/tmp/hako-dbus-XXXXXX";
    if (!::mkdtemp(tmpl)) {
        skipReason_ = "mkdtemp failed";
        return;
    }
    dir_ = tmpl;
    ::chmod(dir_.c_str(), 0755); // polkitd drops to the polkitd user and must reach the socket
    stateRoot_ = dir_ + "/state";
    address_ = "unix:path=" + dir_ + "/system_bus_socket";
    ensureTestUser();
    installPolicy();
    std::string why;
    if (!startBus(why) || !startPolkit(why)) {
        skipReason_ = "the private bus did not come up: " + why + "\n" + diagnostics();
        return;
    }
    std::cerr << "[bus fixture] dbus-daemon + polkitd up in " << std::chrono::duration_cast<
        std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin).count() << " ms\n";
    if (std::string(HAKO_DBUS_TEST_HELPER).empty()) {
        skipReason_ = "hako-helper is not built (no hako-helper target in this build tree)";
        return;
    }
    if (!startHelper(&why))
        failure_ = why;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - begin);
    std::cerr << "[bus fixture] hako-helper up; " << ms.count()
              << " ms in all" << (failure_.empty() ? "" : " (helper FAILED)") << "\n";
}

void BusEnvironment::TearDown()
{
    if (dir_.empty())
        return;
    ::unlink(kRulesFile);
    runCommand({"gpasswd", "-d", kTestUser, kAdminGroup}, {}, 10s);
    removeAllContainers();
    connection_.reset();
    QDBusConnection::disconnectFromBus("hako-dbus-test");
    helper_.stop();
    polkit_.stop();
    bus_.stop();
    for (const auto &point : mountsUnder(dir_)) // nothing should be there; never delete through one
        ::umount2(point.c_str(), MNT_DETACH);
    std::error_code ec;
    fs::remove_all(dir_, ec);
}

void BusEnvironment::ensureTestUser()
{
    if (!::getgrnam(kAdminGroup))
        runCommand({"groupadd", kAdminGroup}, {}, 20s);
    if (!::getpwnam(kTestUser))
        runCommand({"useradd", "-M", "-s", "/usr/sbin/nologin", kTestUser}, {}, 20s);
    // A run that crashed may have left the grant behind: start from "not in the group".
    runCommand({"gpasswd", "-d", kTestUser, kAdminGroup}, {}, 10s);
    ::unlink(kRulesFile);
}

// polkitd reads actions only from /usr/share/polkit-1/actions. The file stays installed after
// the run: it is exactly what `cmake --install` puts there, and harmless without the helper.
void BusEnvironment::installPolicy()
{
    const std::string source = HAKO_DBUS_TEST_POLICY;
    if (!fs::exists(source)) {
        std::cerr << "[bus fixture] " << source << " does not exist yet: polkit knows no "
                  << "org.hako.containers1.* action, every check will be refused\n";
        return;
    }
    if (readFile(source) != readFile(kInstalledPolicy))
        writeFile(kInstalledPolicy, readFile(source));
}

void BusEnvironment::writeBusConfig()
{
    const std::string policyDir = dir_ + "/system.d";
    fs::create_directories(policyDir);
    const std::string busConf = HAKO_DBUS_TEST_BUS_CONF;
    if (fs::exists(busConf))
        fs::copy_file(busConf, policyDir + "/org.hako.Containers1.conf",
                      fs::copy_options::overwrite_existing);
    else
        std::cerr << "[bus fixture] " << busConf << " does not exist yet: nobody may own "
                  << kService << " on the test bus, the helper will fail to start\n";
    std::string conf = readFile(kSystemConf);
    conf = replaceAll(conf, R"(<pidfile>[^<]*</pidfile>)", "");
    conf = replaceAll(conf, R"(<fork\s*/>)", "");
    // No activation from the machine's service dirs: an installed Hako would otherwise be
    // started on this bus (with the real state root) the moment the test's helper is gone.
    conf = replaceAll(conf, R"(<standard_system_servicedirs\s*/>)", "");
    conf = replaceAll(conf, R"(<listen>[^<]*</listen>)",
                      "<listen>unix:path=" + dir_ + "/system_bus_socket</listen>");
    conf = replaceAll(conf, R"(<includedir>system\.d</includedir>)",
                      "<includedir>/usr/share/dbus-1/system.d</includedir>\n  <includedir>" +
                          policyDir + "</includedir>");
    writeFile(dir_ + "/system.conf", conf);
}

bool BusEnvironment::startBus(std::string &why)
{
    writeBusConfig();
    bus_.start({"dbus-daemon", "--config-file=" + dir_ + "/system.conf", "--nofork",
                "--print-address"},
               {}, dir_ + "/dbus-daemon.log");
    const std::string socket = dir_ + "/system_bus_socket";
    if (!eventually([&] { return fs::exists(socket) || !bus_.running(); }, 10s) ||
        !bus_.running()) {
        why = "dbus-daemon did not create " + socket;
        return false;
    }
    connection_ = std::make_unique<QDBusConnection>(
        QDBusConnection::connectToBus(QString::fromStdString(address_), "hako-dbus-test"));
    if (!connection_->isConnected()) {
        why = "cannot connect to " + address_ + ": " +
              connection_->lastError().message().toStdString();
        return false;
    }
    return true;
}

bool BusEnvironment::startPolkit(std::string &why)
{
    polkit_.start({kPolkitd, "--no-debug"}, clientEnv(), dir_ + "/polkitd.log");
    if (!waitForName("org.freedesktop.PolicyKit1", 15s)) {
        why = "polkitd did not own org.freedesktop.PolicyKit1 within 15 s";
        return false;
    }
    return true;
}

bool BusEnvironment::restartPolkit(std::string *why)
{
    std::string reason;
    const bool up = startPolkit(reason);
    if (!up && why)
        *why = reason;
    return up;
}

bool BusEnvironment::startHelper(std::string *why, const Args &extraArgs)
{
    if (std::string(HAKO_DBUS_TEST_HELPER).empty())
        return false;
    Args argv{HAKO_DBUS_TEST_HELPER, "--state-root", stateRoot_, "--monitor", HAKO_DBUS_TEST_MONITOR};
    argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
    helper_.start(argv, clientEnv(), dir_ + "/hako-helper.log");
    const bool up = eventually(
        [&] { return nameHasOwner(kService) || !helper_.running(); }, 15s) &&
                    nameHasOwner(kService);
    if (!up && why)
        *why = std::string("hako-helper did not own ") + kService + " within 15 s (" +
               (helper_.running() ? "still running" : "it exited") + ")\n" + diagnostics();
    return up;
}

void BusEnvironment::killHelper()
{
    helper_.kill(SIGKILL);
    eventually([&] { return !helper_.running(); }, 5s);
    eventually([&] { return !nameHasOwner(kService); }, 5s);
}

std::string BusEnvironment::diagnostics() const
{
    std::string text;
    for (const char *name : {"dbus-daemon", "polkitd", "hako-helper"}) {
        const std::string log = readFile(dir_ + "/" + name + ".log");
        const size_t keep = 4000;
        text += std::string("--- ") + name + ".log (tail):\n" +
                (log.size() > keep ? log.substr(log.size() - keep) : log) + "\n";
    }
    return text;
}

bool BusEnvironment::nameHasOwner(const std::string &name)
{
    if (!connection_ || !connection_->isConnected())
        return false;
    const auto reply = connection_->interface()->isServiceRegistered(QString::fromStdString(name));
    return reply.isValid() && reply.value();
}

bool BusEnvironment::waitForName(const std::string &name, std::chrono::milliseconds timeout)
{
    return eventually([&] { return nameHasOwner(name); }, timeout);
}

QDBusMessage BusEnvironment::call(const QString &method, const QVariantList &args, int timeoutMs)
{
    auto message = QDBusMessage::createMethodCall(kService, kManagerPath, kManagerInterface, method);
    message.setArguments(args);
    return connection_->call(message, QDBus::Block, timeoutMs);
}

void BusEnvironment::removeAllContainers()
{
    if (stateRoot_.empty() || !fs::exists(stateRoot_))
        return;
    if (helperRunning() && nameHasOwner(kService)) {
        const auto reply = call("ListContainers", {}, 10000);
        if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()) {
            const auto list = qdbus_cast<QList<QVariantMap>>(reply.arguments().at(0));
            for (const auto &entry : list)
                call("RemoveContainer", {entry.value("Id").toString(), true}, 20000);
        }
    }
    // Whatever the helper could not remove (or when it is down): the engine directly.
    try {
        EngineOptions options;
        options.stateRoot = stateRoot_;
        options.monitorPath = HAKO_DBUS_TEST_MONITOR;
        Engine engine(options);
        for (const auto &state : engine.list())
            engine.remove(state.id, true);
    } catch (const std::exception &e) {
        std::cerr << "[bus fixture] cleanup through the engine: " << e.what() << "\n";
    }
}

// ---------------------------------------------------------------- clients

BusClient::BusClient(const std::string &address, const QString &connectionName)
    : name_(connectionName),
      connection_(QDBusConnection::connectToBus(QString::fromStdString(address), connectionName))
{
}

static QDBusMessage managerCall(const QString &method, const QVariantList &args)
{
    auto message = QDBusMessage::createMethodCall(kService, kManagerPath, kManagerInterface, method);
    message.setArguments(args);
    return message;
}

QDBusMessage BusClient::call(const QString &method, const QVariantList &args, int timeoutMs)
{
    return connection_->call(managerCall(method, args), QDBus::Block, timeoutMs);
}

QDBusPendingCall BusClient::callAsync(const QString &method, const QVariantList &args)
{
    return connection_->asyncCall(managerCall(method, args), 120000);
}

void BusClient::disconnect()
{
    connection_.reset();
    QDBusConnection::disconnectFromBus(name_);
}

std::string hakoctlPath()
{
    return HAKO_DBUS_TEST_HAKOCTL;
}

std::string scriptClientPath()
{
    return HAKO_DBUS_TEST_SCRIPT_CLIENT;
}

Result hakoctl(const Args &args, std::chrono::milliseconds timeout)
{
    Args argv{hakoctlPath()};
    argv.insert(argv.end(), args.begin(), args.end());
    return runCommand(argv, BusEnvironment::instance().clientEnv(), timeout);
}

Result runAsUser(const Args &argv, std::chrono::milliseconds timeout)
{
    Args full{"setpriv", std::string("--reuid=") + kTestUser, std::string("--regid=") + kTestUser,
              "--init-groups", "env", "HOME=/", "USER=" + std::string(kTestUser),
              BusEnvironment::instance().clientEnv().at(0)};
    full.insert(full.end(), argv.begin(), argv.end());
    return runCommand(full, {}, timeout);
}

Result hakoctlAsUser(const Args &args, std::chrono::milliseconds timeout)
{
    Args argv{hakoctlPath()};
    argv.insert(argv.end(), args.begin(), args.end());
    return runAsUser(argv, timeout);
}

std::string specJson(const std::vector<std::string> &args, bool hostNetwork,
                     const std::optional<Resources> &resources)
{
    Spec spec = defaultSpec();
    spec.process.args = args;
    spec.process.terminal = false;
    spec.linux.resources = resources;
    if (hostNetwork)
        std::erase_if(spec.linux.namespaces,
                      [](const Namespace &ns) { return ns.type == NamespaceType::Network; });
    return toJsonText(spec);
}

// ---------------------------------------------------------------- leak checks

HostSnapshot HostSnapshot::take(const std::string &stateRoot)
{
    HostSnapshot s;
    // Any mount whose line names the state root: mount points and overlay options alike.
    std::istringstream table(readFile("/proc/self/mountinfo"));
    for (std::string line; std::getline(table, line);)
        if (line.find(stateRoot) != std::string::npos)
            s.mounts.insert(line);
    std::error_code ec;
    for (const auto &hierarchy : fs::directory_iterator("/sys/fs/cgroup", ec))
        for (const auto &entry : fs::directory_iterator(hierarchy.path() / "hako", ec))
            if (entry.is_directory(ec))
                s.cgroups.insert(entry.path().string());
    for (const auto &entry : fs::directory_iterator(stateRoot + "/containers", ec))
        s.containerDirs.insert(entry.path().filename().string());
    for (const auto &entry : fs::directory_iterator("/proc", ec)) {
        const std::string pid = entry.path().filename();
        if (pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        std::string cmdline = readFile(entry.path() / "cmdline");
        std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
        std::string stat = readFile(entry.path() / "stat");
        const auto close = stat.rfind(')');
        const bool zombie = close != std::string::npos && stat.compare(close + 2, 1, "Z") == 0;
        if (!zombie && cmdline.find("hako-monitor") != std::string::npos &&
            cmdline.find(stateRoot) != std::string::npos)
            s.monitors.insert(std::stoi(pid));
    }
    return s;
}

std::string HostSnapshot::leaksSince(const HostSnapshot &before) const
{
    std::string text;
    for (const auto &m : mounts)
        if (!before.mounts.count(m))
            text += "mount " + m + "\n";
    for (const auto &c : cgroups)
        if (!before.cgroups.count(c))
            text += "cgroup " + c + "\n";
    for (const auto &d : containerDirs)
        if (!before.containerDirs.count(d))
            text += "state dir containers/" + d + "\n";
    for (int pid : monitors)
        if (!before.monitors.count(pid))
            text += "hako-monitor pid " + std::to_string(pid) + "\n";
    return text;
}

// ---------------------------------------------------------------- the per-test fixture

void DBusTest::SetUp()
{
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root: the fixture runs its own dbus-daemon, polkitd and hako-helper";
    if (!env().skipReason().empty())
        GTEST_SKIP() << env().skipReason();
    if (!env().failure().empty())
        GTEST_FAIL() << env().failure();
    if (!env().helperRunning()) {
        std::string why;
        ASSERT_TRUE(env().startHelper(&why)) << why;
    }
}

void CtlTest::SetUp()
{
    DBusTest::SetUp();
    if (IsSkipped() || HasFailure())
        return;
    if (!hakoctlBuilt())
        GTEST_SKIP() << "hakoctl is not built (no hakoctl target in this build tree)";
}

void DBusTest::TearDown()
{
    if (::geteuid() != 0 || !env().skipReason().empty())
        return;
    revokeGrant();
    if (!env().helperRunning())
        env().startHelper();
    env().removeAllContainers();
}

void DBusTest::grantAllButPrivileged()
{
    std::ofstream(kRulesFile) << R"(polkit.addRule(function(action, subject) {
    if (action.id.indexOf("org.hako.containers1.") == 0 &&
        action.id != "org.hako.containers1.privileged" &&
        subject.isInGroup(")" << kAdminGroup << R"("))
        return polkit.Result.YES;
});
)";
    ASSERT_EQ(runCommand({"gpasswd", "-a", kTestUser, kAdminGroup}).exit, 0);
    std::this_thread::sleep_for(1500ms); // polkitd rereads rules.d by itself
}

void DBusTest::revokeGrant()
{
    ::unlink(kRulesFile);
    runCommand({"gpasswd", "-d", kTestUser, kAdminGroup}, {}, 10s);
}

void DBusTest::runDetached(const std::string &name, const Args &cmd)
{
    Args args{"run", "-d", "--name", name, "busybox"};
    args.insert(args.end(), cmd.begin(), cmd.end());
    const auto r = hakoctl(args);
    ASSERT_EQ(r.exit, 0) << "hakoctl run -d: " << r.describe();
}

std::string DBusTest::runThroughApi(const std::string &name, const std::string &spec)
{
    const auto created = env().call("CreateContainer", {QString::fromStdString(name), "busybox",
                                                        QString::fromStdString(spec), QVariantMap{}});
    if (created.type() != QDBusMessage::ReplyMessage) {
        ADD_FAILURE() << "CreateContainer " << name << ": " << created.errorMessage().toStdString();
        return {};
    }
    const QString id = created.arguments().value(0).toString();
    const auto started = env().call("StartContainer", {id});
    if (started.type() != QDBusMessage::ReplyMessage) {
        ADD_FAILURE() << "StartContainer " << name << ": " << started.errorMessage().toStdString();
        return {};
    }
    return id.toStdString();
}

std::string DBusTest::inspectField(const std::string &ref, const std::string &format)
{
    return trim(hakoctl({"inspect", "-f", format, ref}).out);
}

std::vector<std::string> DBusTest::listIds()
{
    std::vector<std::string> ids;
    const auto reply = env().call("ListContainers");
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
        return ids;
    for (const auto &entry : qdbus_cast<QList<QVariantMap>>(reply.arguments().at(0)))
        ids.push_back(entry.value("Id").toString().toStdString());
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

bool eventually(const std::function<bool()> &cond, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!cond()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

} // namespace hako::dbustest
