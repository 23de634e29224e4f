#include "signals.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <tuple>
#include <utility>

namespace hako::cli {

namespace {

constexpr std::pair<const char *, int> kSignals[] = {
    {"HUP", SIGHUP},   {"INT", SIGINT},       {"QUIT", SIGQUIT},   {"ILL", SIGILL},
    {"TRAP", SIGTRAP}, {"ABRT", SIGABRT},     {"IOT", SIGIOT},     {"BUS", SIGBUS},
    {"FPE", SIGFPE},   {"KILL", SIGKILL},     {"USR1", SIGUSR1},   {"SEGV", SIGSEGV},
    {"USR2", SIGUSR2}, {"PIPE", SIGPIPE},     {"ALRM", SIGALRM},   {"TERM", SIGTERM},
    {"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD}, {"CONT", SIGCONT},   {"STOP", SIGSTOP},
    {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN},     {"TTOU", SIGTTOU},   {"URG", SIGURG},
    {"XCPU", SIGXCPU}, {"XFSZ", SIGXFSZ},     {"VTALRM", SIGVTALRM}, {"PROF", SIGPROF},
    {"WINCH", SIGWINCH}, {"IO", SIGIO},       {"POLL", SIGPOLL},   {"PWR", SIGPWR},
    {"SYS", SIGSYS},
};

// The kernel's real-time range, not glibc's SIGRTMIN (which reserves two for threads):
// the signal goes to a process in the container, not to us.
constexpr int kRtMin = 34;
constexpr int kRtMax = 64;

std::optional<int> parseRealtime(const QString &name)
{
    for (const auto &[base, value, sign] : {std::tuple{"RTMIN", kRtMin, 1}, std::tuple{"RTMAX", kRtMax, -1}}) {
        const QString prefix = QLatin1String(base);
        if (!name.startsWith(prefix))
            continue;
        const QString rest = name.mid(prefix.size());
        if (rest.isEmpty())
            return value;
        bool ok = false;
        const int offset = rest.mid(1).toInt(&ok);
        if (!ok || rest[0] != (sign > 0 ? QLatin1Char('+') : QLatin1Char('-')))
            return std::nullopt;
        const int signal = value + sign * offset;
        if (signal >= kRtMin && signal <= kRtMax)
            return signal;
    }
    return std::nullopt;
}

} // namespace

std::optional<int> parseSignal(const QString &text)
{
    bool isNumber = false;
    const int number = text.toInt(&isNumber);
    if (isNumber)
        return number >= 1 && number <= kRtMax ? std::optional<int>(number) : std::nullopt;
    QString name = text.toUpper();
    if (name.startsWith(QLatin1String("SIG")))
        name = name.mid(3);
    for (const auto &[known, value] : kSignals)
        if (name == QLatin1String(known))
            return value;
    return parseRealtime(name);
}

QString signalName(int signal)
{
    for (const auto &[known, value] : kSignals)
        if (value == signal)
            return QLatin1String(known);
    return QString();
}

namespace {

int g_signalPipe[2] = {-1, -1};

void onCaughtSignal(int signal)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signal);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
    errno = saved;
}

} // namespace

CaughtSignals::CaughtSignals(const std::vector<int> &caught)
{
    if (caught.empty() || (g_signalPipe[0] < 0 && ::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0))
        return;
    for (const int signal : caught) {
        struct sigaction action {}, previous {};
        action.sa_handler = onCaughtSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (::sigaction(signal, &action, &previous) == 0)
            previous_.push_back({signal, previous});
    }
}

CaughtSignals::~CaughtSignals()
{
    for (const auto &[signal, previous] : previous_)
        ::sigaction(signal, &previous, nullptr);
}

int CaughtSignals::fd() const
{
    return previous_.empty() ? -1 : g_signalPipe[0];
}

std::vector<int> CaughtSignals::drain()
{
    std::vector<int> arrived;
    unsigned char received[64];
    ssize_t n;
    while (fd() >= 0 && (n = ::read(fd(), received, sizeof received)) > 0)
        arrived.insert(arrived.end(), received, received + n);
    return arrived;
}

} // namespace hako::cli
