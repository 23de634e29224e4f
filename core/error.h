// Errors that say which step failed, on which path, and why.
//
// Every failing system call in core throws SysError{step, path, errno}; callers that know
// more wrap it with context ("start web: mount /proc: ..."). Messages are lower-case,
// verb + path, in the way crun reports them, so a user can act on them.
#pragma once

#include <cerrno>
#include <stdexcept>
#include <string>
#include <string_view>

namespace hako {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A failed system call: `step` is what we were doing ("mount overlay"), `path` what on.
class SysError : public Error {
public:
    SysError(std::string_view step, std::string_view path, int err);
    int code() const noexcept { return err_; }

private:
    int err_;
};

// A verb refused because of the container's current state ("container web is running").
class StateError : public Error {
public:
    using Error::Error;
};

// A spec (or a request turned into one) that cannot be run; the message names the field.
class SpecError : public Error {
public:
    using Error::Error;
};

// No container, image or object of that name.
class NotFoundError : public Error {
public:
    using Error::Error;
};

// A name or object that already exists.
class ExistsError : public Error {
public:
    using Error::Error;
};

// A long job (pull, import) stopped because its caller cancelled it; it left nothing behind.
class CancelledError : public Error {
public:
    using Error::Error;
};

// Data that is not what it claims to be: a blob whose digest differs, a malformed manifest or
// archive, a layer entry refused by the unpacker. The message names the object.
class BadContentError : public Error {
public:
    using Error::Error;
};

[[noreturn]] void throwSys(std::string_view step, std::string_view path = {}, int err = errno);

// Prefixes an error's message with context, keeping its type where it matters to callers.
[[noreturn]] void rethrowWithContext(std::string_view context);

} // namespace hako
