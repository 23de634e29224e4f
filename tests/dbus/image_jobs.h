// What the image tests share: a client of its own on the bus that records the JobProgress and
// JobFinished signals it is sent, small makers of archives and fds, and the ImagesTest
// fixture (a rootfs tarball of the host's busybox, imported on demand as imported:v1).
#pragma once

#include "bus_fixture.h"

#include <QDBusUnixFileDescriptor>
#include <QJsonObject>
#include <QObject>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace hako::dbustest
{

class JobClient : public QObject
{
    Q_OBJECT
  public:
    struct Event {
        QString job;
        bool finished = false;
        QList<QVariantMap> progress; // JobProgress
        bool ok = false;             // JobFinished
        QJsonObject result;
        std::chrono::steady_clock::time_point at;
    };

    JobClient(const std::string &address, const QString &name);
    ~JobClient() override;
    JobClient(const JobClient &) = delete;
    JobClient &operator=(const JobClient &) = delete;

    QDBusMessage call(const QString &method, const QVariantList &args = {}, int timeoutMs = 30000);
    // The JobFinished of `job`, waited for (processing events) up to `timeout`; nullptr then.
    const Event *waitFinished(const QString &job, std::chrono::milliseconds timeout);
    std::vector<Event> eventsOf(const QString &job) const;
    void leave(); // its unique name leaves the bus

  public slots:
    void onProgress(const QDBusMessage &message);
    void onFinished(const QDBusMessage &message);

  private:
    QString name_;
    QDBusConnection bus_;
    std::vector<Event> events_;
};

// A directory holding a root filesystem of the host's busybox (bin/busybox and a few applet
// links), tarred to `tarPath`; false (and a failure recorded) if it cannot be made.
bool makeRootfsTar(const std::string &workDir, const std::string &tarPath);
// A job id from a reply to PullImage/ImportImage ("" and a failure recorded otherwise).
QString jobOf(const QDBusMessage &reply);
QDBusUnixFileDescriptor fdArg(int fd);          // dups: close your own copy
std::string errorOf(const QDBusMessage &reply); // the error's name, or "(no error)"
// The Ids ListImages reports.
QStringList imageIds();
// ListImages' entry whose RepoTags contain `tag` (empty map if none).
QVariantMap imageTagged(const QString &tag);

// A temporary directory, removed with everything in it.
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir &) = delete;
    TempDir &operator=(const TempDir &) = delete;
    std::string path;
};

class ImagesTest : public DBusTest
{
  protected:
    void SetUp() override;    // the job client and rootfs.tar in `dir`
    void TearDown() override; // the test images and containers removed
    // ImportImage of the file at `path` by `who`; the job id.
    QString importFile(JobClient &who, const std::string &path, const QVariantMap &options);
    // rootfs.tar as imported:v1 with a CMD, waited for; its ListImages entry.
    QVariantMap importRootfs();
    // Created and started from `image`, waited for; its logs' texts.
    QStringList runToEnd(const QString &name, const QString &image, const std::string &spec);

    TempDir dir;
    std::unique_ptr<JobClient> client;
};

} // namespace hako::dbustest
