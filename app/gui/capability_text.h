// What each Linux capability lets a process do, in plain words (after capabilities(7)), for
// the create dialog's Security tab.
#pragma once

#include <QStringList>

namespace hako::gui
{

// One line for `name` ("CAP_NET_ADMIN", or "NET_ADMIN"); empty for a name it does not know.
QString capabilityExplanation(const QString &name);

// All 41 ("CAP_CHOWN" … "CAP_CHECKPOINT_RESTORE"), in the kernel's numbering.
QStringList allCapabilityNames();

} // namespace hako::gui
