#include "polkit.h"

#include <QDBusArgument>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>

namespace {

// polkit's Subject: (sa{sv}).
struct PolkitSubject {
    QString kind;
    QVariantMap details;
};

QDBusArgument &operator<<(QDBusArgument &arg, const PolkitSubject &subject)
{
    arg.beginStructure();
    arg << subject.kind << subject.details;
    arg.endStructure();
    return arg;
}

const QDBusArgument &operator>>(const QDBusArgument &arg, PolkitSubject &subject)
{
    arg.beginStructure();
    arg >> subject.kind >> subject.details;
    arg.endStructure();
    return arg;
}

} // namespace

Q_DECLARE_METATYPE(PolkitSubject)

namespace hako::helper {

namespace {

using StringMap = QMap<QString, QString>;
constexpr uint kAllowUserInteraction = 1;
// The agent may show a password dialog: give the person time to answer it.
constexpr int kPolkitTimeoutMs = 5 * 60 * 1000;
constexpr qsizetype kUidCacheSize = 4096;

struct AuthResult {
    bool authorized = false;
    bool challenge = false;
};

AuthResult parseResult(const QDBusMessage &reply)
{
    AuthResult result;
    const QDBusArgument arg = reply.arguments().value(0).value<QDBusArgument>();
    StringMap details;
    arg.beginStructure();
    arg >> result.authorized >> result.challenge >> details;
    arg.endStructure();
    return result;
}

} // namespace

Authorizer::Authorizer(QDBusConnection bus, QObject *parent) : QObject(parent), bus_(std::move(bus))
{
    qDBusRegisterMetaType<PolkitSubject>();
    qDBusRegisterMetaType<StringMap>();
}

QString Authorizer::actionId(const QString &action)
{
    return QStringLiteral("org.hako.containers1.") + action;
}

void Authorizer::check(const AuthRequest &request, Done done)
{
    lookUpUid(request.caller, [this, request, done = std::move(done)](std::optional<uint> uid) {
        if (uid == 0u)
            done(std::nullopt); // polkitd's own rule: uid 0 is authorised for everything
        else
            askPolkit(request, done);
    });
}

void Authorizer::lookUpUid(const QString &caller, UidKnown known)
{
    if (const auto cached = uidOfCaller_.constFind(caller); cached != uidOfCaller_.cend()) {
        known(*cached);
        return;
    }
    const QDBusMessage call = QDBusMessage::createMethodCall(
        "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
        "GetConnectionUnixUser") << caller;
    auto *watcher = new QDBusPendingCallWatcher(bus_.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, caller, known = std::move(known)](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<uint> reply = *w;
                if (reply.isError()) {
                    known(std::nullopt); // the caller left, or an odd bus: polkit decides
                    return;
                }
                if (uidOfCaller_.size() >= kUidCacheSize)
                    uidOfCaller_.clear();
                uidOfCaller_.insert(caller, reply.value());
                known(reply.value());
            });
}

void Authorizer::askPolkit(const AuthRequest &request, Done done)
{
    QDBusMessage call = QDBusMessage::createMethodCall(
        "org.freedesktop.PolicyKit1", "/org/freedesktop/PolicyKit1/Authority",
        "org.freedesktop.PolicyKit1.Authority", "CheckAuthorization");
    const PolkitSubject subject{"system-bus-name", {{"name", request.caller}}};
    StringMap details{{"verb", request.verb}};
    if (!request.ref.isEmpty())
        details.insert("container", request.ref);
    call << QVariant::fromValue(subject) << actionId(request.action) << QVariant::fromValue(details)
         << kAllowUserInteraction << QString();

    auto *watcher = new QDBusPendingCallWatcher(bus_.asyncCall(call, kPolkitTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [request, done = std::move(done)](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusMessage reply = w->reply();
                if (reply.type() != QDBusMessage::ReplyMessage) {
                    done(Failure{errors::Failed, "cannot check authorization with polkit: " +
                                                     reply.errorMessage()});
                    return;
                }
                if (parseResult(reply).authorized) {
                    done(std::nullopt);
                    return;
                }
                QString what = request.verb;
                if (!request.ref.isEmpty())
                    what += ' ' + request.ref;
                done(Failure{errors::AccessDenied,
                             "not authorized: " + actionId(request.action) + " (" + what + ")"});
            });
}

} // namespace hako::helper
