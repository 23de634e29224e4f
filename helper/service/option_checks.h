// What every method that takes an a{sv} of options checks first: refusals as InvalidArgs, and
// no key the method does not know.
#pragma once

#include "errors.h"

#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace hako::helper
{

// An InvalidArgs failure with this message.
Failure invalidArgument(const QString &message);

// Unknown keys are refused, so that a misspelt option is not silently ignored; the message
// names the method, the key and the keys it knows.
std::optional<Failure> checkOptionKeys(const QVariantMap &options, const QStringList &known,
                                       const char *method);

} // namespace hako::helper
