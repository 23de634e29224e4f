#include "terminal.h"

#include "signals.h"
#include "views.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>

namespace hako::cli {

namespace {

termios g_saved{};
volatile sig_atomic_t g_rawActive = 0;
int g_winchPipe[2] = {-1, -1};

void restoreTerminal()
{
    if (g_rawActive) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &g_saved);
        g_rawActive = 0;
    }
}

void onFatalSignal(int signal)
{
    restoreTerminal();
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

void onWinch(int)
{
    const int saved = errno;
    const char byte = 0;
    [[maybe_unused]] const ssize_t n = ::write(g_winchPipe[1], &byte, 1);
    errno = saved;
}

bool writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

} // namespace

RawTerminal::RawTerminal()
{
    if (!::isatty(STDIN_FILENO) || ::tcgetattr(STDIN_FILENO, &g_saved) != 0)
        return;
    termios raw = g_saved;
    ::cfmakeraw(&raw);
    static bool hooked = false;
    if (!hooked) {
        std::atexit(restoreTerminal);
        for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            ::signal(signal, onFatalSignal);
        hooked = true;
    }
    if (::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0)
    {
        g_rawActive = 1;
        active_ = true;
    }
}

RawTerminal::~RawTerminal()
{
    restoreTerminal();
}

std::optional<TerminalSize> terminalSize()
{
    winsize size{};
    for (const int fd : {STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO})
        if (::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_row > 0)
            return TerminalSize{size.ws_row, size.ws_col};
    return std::nullopt;
}

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO);
}

void printLogRecord(const QByteArray &line, bool rawOutput, bool withTimestamps)
{
    const auto record = parseCriLine(line);
    if (!record)
        return;
    QByteArray text = withTimestamps ? record->time.toUtf8() + ' ' + record->text : record->text;
    if (!record->partial)
        text += rawOutput && !text.endsWith('\r') ? "\r\n" : "\n";
    const int fd = record->stream == QLatin1String("stderr") ? STDERR_FILENO : STDOUT_FILENO;
    writeAll(fd, text.constData(), static_cast<size_t>(text.size()));
}

// Splits the log stream into lines; keeps an unfinished line in `pending` for the next read.
static void emitLogLines(QByteArray &pending, const RelayOptions &options)
{
    qsizetype nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
        printLogRecord(pending.left(nl), options.rawOutput, options.withTimestamps);
        pending.remove(0, nl + 1);
    }
}

static bool pumpOutput(const RelayOptions &options, QByteArray &pending)
{
    char buf[8192];
    const ssize_t n = ::read(options.output, buf, sizeof buf);
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (n <= 0)
        return false;
    if (!options.outputIsLog)
        return writeAll(STDOUT_FILENO, buf, static_cast<size_t>(n));
    pending.append(buf, n);
    emitLogLines(pending, options);
    return true;
}

static void drainWinch(const RelayOptions &options)
{
    char buf[64];
    while (::read(g_winchPipe[0], buf, sizeof buf) > 0) {
    }
    if (const auto size = terminalSize(); size && options.onResize)
        options.onResize(*size);
}

namespace {

// The stdin side of a relay: reads stdin only when what was read before has been written,
// and writes only when `input` can take it, so a container that does not read its stdin
// never stalls the output.
class InputPump {
public:
    explicit InputPump(const RelayOptions &options) : options_(options), open_(options.input >= 0) {}
    ~InputPump()
    {
        if (open_ && options_.inputIsPipe)
            ::close(options_.input);
    }
    InputPump(const InputPump &) = delete;
    InputPump &operator=(const InputPump &) = delete;

    short stdinEvents() const { return open_ && pending_.isEmpty() ? POLLIN : 0; }
    short inputEvents() const { return open_ && !pending_.isEmpty() ? POLLOUT : 0; }

    void readStdin()
    {
        char buf[4096]; // at most what one POLLOUT lets us write without blocking
        const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        if (n <= 0) {
            finish();
            return;
        }
        pending_.append(buf, n);
    }

    void writeInput()
    {
        const ssize_t n = ::write(options_.input, pending_.constData(), static_cast<size_t>(pending_.size()));
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            return;
        if (n < 0) { // EPIPE: the container closed its stdin
            pending_.clear();
            finish();
            return;
        }
        pending_.remove(0, n);
    }

private:
    // End of our input: a pty gets EOT (the line discipline's end of input), a pipe is closed.
    void finish()
    {
        if (!open_)
            return;
        open_ = false;
        if (options_.inputIsPipe) {
            ::close(options_.input);
        } else {
            const char eot = 4;
            writeAll(options_.input, &eot, 1);
        }
    }

    const RelayOptions &options_;
    bool open_;
    QByteArray pending_;
};

void drainSignals(CaughtSignals &caught, const RelayOptions &options)
{
    for (const int signal : caught.drain())
        if (options.onSignal)
            options.onSignal(signal);
}

} // namespace

void relay(const RelayOptions &options)
{
    if (g_winchPipe[0] < 0 && ::pipe2(g_winchPipe, O_CLOEXEC | O_NONBLOCK) == 0)
        ::signal(SIGWINCH, onWinch);
    // A container that closes its stdin must not kill us with SIGPIPE: the write says EPIPE.
    if (options.input >= 0)
        ::signal(SIGPIPE, SIG_IGN);
    CaughtSignals forwarded(options.forwardSignals);
    InputPump input(options);
    QByteArray pending;
    for (;;) {
        pollfd fds[5] = {{options.output, POLLIN, 0},
                         {g_winchPipe[0], POLLIN, 0},
                         {input.stdinEvents() ? STDIN_FILENO : -1, POLLIN, 0},
                         {input.inputEvents() ? options.input : -1, POLLOUT, 0},
                         {forwarded.fd(), POLLIN, 0}};
        if (::poll(fds, 5, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[0].revents && !pumpOutput(options, pending))
            break;
        if (fds[1].revents)
            drainWinch(options);
        if (fds[2].revents)
            input.readStdin();
        if (fds[3].revents)
            input.writeInput();
        if (fds[4].revents)
            drainSignals(forwarded, options);
    }
    if (!pending.isEmpty())
        printLogRecord(pending, options.rawOutput, options.withTimestamps);
}

} // namespace hako::cli
