// hako-dbus-script-client: one D-Bus client that keeps its connection (its unique bus name)
// across several calls, driven line by line on stdin, so tests can run a sequence of calls
// as another user (setpriv) and change things between them. Each command prints one line:
//   exec REF CMD [ARG...]   → "exec-id ID"  (ExecInContainer without a terminal, /dev/null stdio)
//   waitexec ID             → "status N"
//   quit
// and any error as "error NAME MESSAGE".
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusUnixFileDescriptor>
#include <QStringList>

#include <fcntl.h>
#include <unistd.h>

#include <iostream>
#include <sstream>
#include <string>

namespace {

QDBusMessage call(const QString &method, const QVariantList &args)
{
    auto message = QDBusMessage::createMethodCall("org.hako.Containers1", "/org/hako/Containers1",
                                                  "org.hako.Containers1.Manager", method);
    message.setArguments(args);
    return QDBusConnection::systemBus().call(message, QDBus::Block, 60000);
}

// The reply's first argument, or "error NAME MESSAGE".
std::string answer(const QDBusMessage &reply, const std::string &label)
{
    if (reply.type() != QDBusMessage::ReplyMessage)
        return "error " + reply.errorName().toStdString() + " " + reply.errorMessage().toStdString();
    return label + " " + reply.arguments().value(0).toString().toStdString();
}

std::string execIn(const QStringList &words)
{
    const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    const QDBusUnixFileDescriptor null(devNull);
    ::close(devNull);
    return answer(call("ExecInContainer", {words.value(1), QStringList(words.mid(2)), QVariantMap{},
                                           QVariant::fromValue(null), QVariant::fromValue(null),
                                           QVariant::fromValue(null)}),
                  "exec-id");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (!QDBusConnection::systemBus().isConnected()) {
        std::cout << "error connect " << QDBusConnection::systemBus().lastError().message().toStdString() << std::endl;
        return 1;
    }
    std::cout << "ready " << QDBusConnection::systemBus().baseService().toStdString() << std::endl;
    for (std::string line; std::getline(std::cin, line);) {
        const QStringList words = QString::fromStdString(line).split(' ', Qt::SkipEmptyParts);
        const QString command = words.value(0);
        if (command == "quit")
            break;
        if (command == "exec" && words.size() >= 3)
            std::cout << execIn(words) << std::endl;
        else if (command == "waitexec" && words.size() == 2)
            std::cout << answer(call("WaitExec", {words[1]}), "status") << std::endl;
        else
            std::cout << "error usage unknown command: " << line << std::endl;
    }
    return 0;
}
