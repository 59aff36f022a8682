#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// LXD objects as YAML and back, as `lxc config edit` shows them: block style, every config value a
// string. Reading keeps LXD's types: a value stays a string where the object being edited (`shape`)
// has a string, and every value of a `config` map or of a device is a string whatever it looks like;
// elsewhere plain scalars are read as YAML reads them (true, 12, null). Problems carry the line and
// column where yaml-cpp found them, counted from 1.
class YamlConverter final
{
public:
    struct Problem
    {
        QString message;
        int line = 0; // 0: no position
        int column = 0;
        bool isNull() const { return message.isEmpty(); }
        // "Line 3, column 5: …", or just the message when there is no position.
        QString text() const;
    };

    // The top-level keys in `keyOrder` come first (LXD's own order), the others after, sorted.
    static QString toYaml(const QJsonObject &object, const QStringList &keyOrder = {});
    // Reads a mapping. On failure returns an empty object and fills `problem`.
    static QJsonObject fromYaml(const QString &text, Problem *problem, const QJsonObject &shape = {});
    // The line (from 1) where the key at `path` ({"config", "limits.cpu"}) is written; 0 when absent or
    // when the text does not parse.
    static int lineOf(const QString &text, const QStringList &path);
};
