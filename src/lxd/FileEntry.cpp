#include "FileEntry.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace Lxd {

namespace {

QByteArray headerValue(const QList<HttpRequest::Header> &headers, const char *name)
{
    for (const HttpRequest::Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second.trimmed();
    }
    return {};
}

qint64 parseId(const QByteArray &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok && value >= 0 ? value : -1;
}

} // namespace

FileEntry FileEntry::fromHeaders(const QString &path, const QList<HttpRequest::Header> &headers)
{
    FileEntry entry;
    entry.path = path;
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    entry.name = slash < 0 ? path : path.mid(slash + 1);
    entry.type = typeFromName(headerValue(headers, "X-LXD-type"));
    entry.mode = parseMode(headerValue(headers, "X-LXD-mode"));
    entry.uid = parseId(headerValue(headers, "X-LXD-uid"));
    entry.gid = parseId(headerValue(headers, "X-LXD-gid"));
    entry.modified = parseModified(headerValue(headers, "X-LXD-modified"));
    return entry;
}

FileEntry::Type FileEntry::typeFromName(const QByteArray &name)
{
    if (name == "file")
        return Type::File;
    if (name == "directory")
        return Type::Directory;
    if (name == "symlink")
        return Type::Symlink;
    return Type::Unknown;
}

QByteArray FileEntry::typeName(Type type)
{
    switch (type) {
    case Type::File:
        return QByteArrayLiteral("file");
    case Type::Directory:
        return QByteArrayLiteral("directory");
    case Type::Symlink:
        return QByteArrayLiteral("symlink");
    case Type::Unknown:
        break;
    }
    return {};
}

int FileEntry::parseMode(const QByteArray &text)
{
    if (text.isEmpty())
        return -1;
    bool ok = false;
    const int mode = text.toInt(&ok, 8);
    return ok && mode >= 0 && mode <= 07777 ? mode : -1;
}

QByteArray FileEntry::formatMode(int mode)
{
    return QByteArray::number(mode & 07777, 8).rightJustified(4, '0');
}

QDateTime FileEntry::parseModified(const QByteArray &text)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))? ([+-])(\\d{2})(\\d{2})"));
    const QRegularExpressionMatch match = pattern.match(QString::fromLatin1(text));
    if (!match.hasMatch())
        return {};
    const auto number = [&](int group) {
        return match.capturedView(group).toInt();
    };
    const QDate date(number(1), number(2), number(3));
    const int milliseconds
        = match.capturedView(7).left(3).toString().leftJustified(3, QLatin1Char('0')).toInt();
    const QTime time(number(4), number(5), number(6), match.capturedLength(7) ? milliseconds : 0);
    if (!date.isValid() || !time.isValid())
        return {};
    const int offset
        = (number(9) * 3600 + number(10) * 60) * (match.capturedView(8) == QLatin1String("-") ? -1 : 1);
    return QDateTime(date, time, QTimeZone(offset)).toUTC();
}

} // namespace Lxd
