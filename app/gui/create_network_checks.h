// The Network tab's checks of what is typed, with core's parsers (the rules the helper applies
// to the org.hako.network* annotations): each returns why a value is refused, empty when it is
// fine.
#pragma once

#include <QString>
#include <QStringList>

namespace hako::gui
{

// A list typed into one field: items separated by commas or spaces, blanks dropped.
QStringList splitListField(const QString &text);

QString publishProblem(const QString &entry);   // "[hostIP:]hostPort:containerPort/proto"
QString ipv4Problem(const QString &address);    // "10.89.0.2"
QString extraHostProblem(const QString &entry); // "NAME:IP"
QString domainProblem(const QString &domain);   // a search domain: one word
QString macProblem(const QString &mac);         // "xx:xx:xx:xx:xx:xx", unicast

} // namespace hako::gui
