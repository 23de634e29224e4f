// The named D-Bus errors of the API, and how core's exceptions map onto them.
#pragma once

#include <QString>

#include <exception>
#include <string>

namespace hako::helper {

namespace errors {
inline const QString NoSuchContainer = QStringLiteral("org.hako.Containers1.Error.NoSuchContainer");
inline const QString NoSuchImage = QStringLiteral("org.hako.Containers1.Error.NoSuchImage");
inline const QString NoSuchVolume = QStringLiteral("org.hako.Containers1.Error.NoSuchVolume");
inline const QString NoSuchNetwork = QStringLiteral("org.hako.Containers1.Error.NoSuchNetwork");
inline const QString NetworkExists = QStringLiteral("org.hako.Containers1.Error.NetworkExists");
inline const QString BadContent = QStringLiteral("org.hako.Containers1.Error.BadContent");
inline const QString Cancelled = QStringLiteral("org.hako.Containers1.Error.Cancelled");
inline const QString ContainerExists = QStringLiteral("org.hako.Containers1.Error.ContainerExists");
inline const QString InvalidState = QStringLiteral("org.hako.Containers1.Error.InvalidState");
inline const QString InvalidSpec = QStringLiteral("org.hako.Containers1.Error.InvalidSpec");
inline const QString Busy = QStringLiteral("org.hako.Containers1.Error.Busy");
inline const QString Failed = QStringLiteral("org.hako.Containers1.Error.Failed");
inline const QString AccessDenied = QStringLiteral("org.freedesktop.DBus.Error.AccessDenied");
inline const QString InvalidArgs = QStringLiteral("org.freedesktop.DBus.Error.InvalidArgs");
} // namespace errors

// A D-Bus error to send back: its name and a message a person can act on.
struct Failure {
    QString name;
    QString message;
};

// Thrown by a worker that knows better than the exception's type which error fits (a "not
// found" that was about the network, not the container): answered as is.
class FailureException : public std::exception {
public:
    explicit FailureException(Failure failure)
        : failure_(std::move(failure)), what_(failure_.message.toStdString()) {}
    const Failure &failure() const { return failure_; }
    const char *what() const noexcept override { return what_.c_str(); }

private:
    Failure failure_;
    std::string what_;
};

// Maps the exception being handled (call inside a catch block) to its D-Bus error.
Failure failureFromCurrentException();

} // namespace hako::helper
