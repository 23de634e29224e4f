#include "error.h"

#include <cstring>
#include <exception>

namespace hako {

static std::string describe(std::string_view step, std::string_view path, int err)
{
    std::string msg(step);
    if (!path.empty()) {
        msg += " `";
        msg += path;
        msg += '`';
    }
    msg += ": ";
    msg += std::strerror(err);
    return msg;
}

SysError::SysError(std::string_view step, std::string_view path, int err)
    : Error(describe(step, path, err)), err_(err)
{
}

void throwSys(std::string_view step, std::string_view path, int err)
{
    throw SysError(step, path, err);
}

void rethrowWithContext(std::string_view context)
{
    const std::string prefix = std::string(context) + ": ";
    try {
        throw;
    } catch (const StateError &e) {
        throw StateError(prefix + e.what());
    } catch (const NotFoundError &e) {
        throw NotFoundError(prefix + e.what());
    } catch (const SpecError &e) {
        throw SpecError(prefix + e.what());
    } catch (const ExistsError &e) {
        throw ExistsError(prefix + e.what());
    } catch (const CancelledError &e) {
        throw CancelledError(prefix + e.what());
    } catch (const BadContentError &e) {
        throw BadContentError(prefix + e.what());
    } catch (const std::exception &e) {
        throw Error(prefix + e.what());
    }
}

} // namespace hako
