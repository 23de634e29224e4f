#include "option_checks.h"

namespace hako::helper
{

Failure invalidArgument(const QString &message)
{
    return {errors::InvalidArgs, message};
}

std::optional<Failure> checkOptionKeys(const QVariantMap &options, const QStringList &known,
                                       const char *method)
{
    for (auto it = options.begin(); it != options.end(); ++it)
        if (!known.contains(it.key()))
            return invalidArgument(QStringLiteral("options: %1 has no option \"%2\" (known: %3)")
                                       .arg(method, it.key(), known.join(", ")));
    return std::nullopt;
}

} // namespace hako::helper
