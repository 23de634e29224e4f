// Helper errors in plain words for the GUI: what went wrong, and what the person can do.
// The helper's own message (which names the field, the action or the system call) is kept;
// the sentence around it is translated.
#pragma once

#include <QDBusError>
#include <QString>

namespace hako::gui {

// "Not allowed: … (polkit action org.hako.containers1.create)", "The spec is not valid: …".
QString userMessage(const QDBusError &error);

// The polkit action named in an AccessDenied message ("org.hako.containers1.create"), or "".
QString deniedAction(const QDBusError &error);

// A short translated phrase for what a polkit action allows ("create containers").
QString describeAction(const QString &actionId);

} // namespace hako::gui
