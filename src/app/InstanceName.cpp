#include "InstanceName.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("InstanceName", text);
}

bool isAsciiLetterOrDigit(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

} // namespace

QString InstanceName::problem(const QString &name)
{
    if (name.isEmpty())
        return tr("A name is needed.");
    if (name.size() > MaximumLength)
        return tr("A name can be at most %1 characters long; this one has %2.")
            .arg(MaximumLength)
            .arg(name.size());
    for (const QChar c : name) {
        if (!isAsciiLetterOrDigit(c) && c != QLatin1Char('-'))
            return tr("A name can only have letters (a–z), digits and hyphens, not “%1”.").arg(c);
    }
    if (name.front().isDigit() || name.front() == QLatin1Char('-'))
        return tr("A name cannot start with a digit or a hyphen.");
    if (name.back() == QLatin1Char('-'))
        return tr("A name cannot end with a hyphen.");
    return {};
}
