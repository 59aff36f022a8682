#include "YamlConverter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <string>
#include <yaml-cpp/yaml.h>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("YamlConverter", text);
}

std::string toStd(const QString &text)
{
    return text.toStdString();
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

// What a plain (unquoted) scalar means to YAML's core schema and to Go's yaml.v2, which LXD uses.
bool looksLikeNull(const QString &text)
{
    return text.isEmpty() || text == QLatin1String("~")
        || text.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0;
}

bool looksLikeBool(const QString &text, bool *value = nullptr)
{
    static const QStringList truths {QStringLiteral("true"), QStringLiteral("yes"), QStringLiteral("on"),
                                     QStringLiteral("y")};
    static const QStringList falsities {QStringLiteral("false"), QStringLiteral("no"), QStringLiteral("off"),
                                        QStringLiteral("n")};
    const QString lower = text.toLower();
    if (truths.contains(lower)) {
        if (value)
            *value = true;
        return true;
    }
    if (falsities.contains(lower)) {
        if (value)
            *value = false;
        return true;
    }
    return false;
}

bool looksLikeNumber(const QString &text)
{
    static const QRegularExpression number(QStringLiteral(
        "^[-+]?(\\d[\\d_]*(\\.\\d*)?([eE][-+]?\\d+)?|\\.\\d+([eE][-+]?\\d+)?|0x[0-9a-fA-F]+|0o?[0-7]+|"
        "\\.inf|\\.Inf|\\.INF|\\.nan|\\.NaN|\\.NAN)$"));
    return number.match(text).hasMatch();
}

// Strings that a plain scalar would turn into something else, or that YAML cannot write plainly.
bool needsQuotes(const QString &text)
{
    if (looksLikeNull(text) || looksLikeBool(text) || looksLikeNumber(text))
        return true;
    return text.front().isSpace() || text.back().isSpace();
}

// A multi-line string (cloud-init user data) reads best as a literal block, if it can be one exactly.
bool fitsLiteralBlock(const QString &text)
{
    if (!text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))
        || text.contains(QLatin1Char('\t')))
        return false;
    // yaml-cpp writes "|" (one final line break kept): exact only for text ending in exactly one.
    if (!text.endsWith(QLatin1Char('\n')) || text.endsWith(QLatin1String("\n\n")))
        return false;
    if (text.front().isSpace())
        return false;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.isEmpty() && line.back() == QLatin1Char(' '))
            return false;
    }
    return true;
}

void emitValue(YAML::Emitter &out, const QJsonValue &value);

void emitObject(YAML::Emitter &out, const QJsonObject &object, const QStringList &keyOrder = {})
{
    if (object.isEmpty()) {
        out << YAML::Flow << YAML::BeginMap << YAML::EndMap;
        return;
    }
    QStringList keys;
    for (const QString &key : keyOrder) {
        if (object.contains(key))
            keys.append(key);
    }
    const QStringList sorted = object.keys();
    for (const QString &key : sorted) {
        if (!keys.contains(key))
            keys.append(key);
    }
    out << YAML::BeginMap;
    for (const QString &key : std::as_const(keys)) {
        out << YAML::Key;
        if (needsQuotes(key))
            out << YAML::DoubleQuoted;
        out << toStd(key) << YAML::Value;
        emitValue(out, object.value(key));
    }
    out << YAML::EndMap;
}

void emitValue(YAML::Emitter &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        emitObject(out, value.toObject());
        break;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
            break;
        }
        out << YAML::BeginSeq;
        for (const QJsonValue &item : array)
            emitValue(out, item);
        out << YAML::EndSeq;
        break;
    }
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.isEmpty())
            out << YAML::DoubleQuoted << "";
        else if (fitsLiteralBlock(text))
            out << YAML::Literal << toStd(text);
        else if (needsQuotes(text) || text.contains(QLatin1Char('\n')))
            out << YAML::DoubleQuoted << toStd(text);
        else
            out << toStd(text);
        break;
    }
    case QJsonValue::Bool:
        out << YAML::TrueFalseBool << value.toBool();
        break;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (std::floor(number) == number && std::abs(number) < 9.0e15)
            out << static_cast<long long>(number);
        else
            out << number;
        break;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        break;
    }
}

YamlConverter::Problem problemAt(const YAML::Mark &mark, const QString &message)
{
    YamlConverter::Problem problem;
    problem.message = message;
    if (!mark.is_null()) {
        problem.line = mark.line + 1;
        problem.column = mark.column + 1;
    }
    return problem;
}

// Thrown inside the reader, caught in fromYaml().
struct ReadError
{
    YamlConverter::Problem problem;
};

[[noreturn]] void fail(const YAML::Node &node, const QString &message)
{
    throw ReadError {problemAt(node.Mark(), message)};
}

// How the values under a key are typed: LXD keeps config and device keys as strings.
enum class Context { Free, Strings };

Context childContext(const QStringList &path)
{
    static const QSet<QString> stringMaps {QStringLiteral("config"), QStringLiteral("properties"),
                                           QStringLiteral("environment")};
    if (!path.isEmpty() && stringMaps.contains(path.last()))
        return Context::Strings;
    if (path.size() >= 2 && path.at(path.size() - 2) == QLatin1String("devices"))
        return Context::Strings;
    return Context::Free;
}

QString pathText(const QStringList &path)
{
    return path.isEmpty() ? tr("The document") : QStringLiteral("“%1”").arg(path.join(QLatin1Char('.')));
}

QJsonValue readNode(const YAML::Node &node, const QJsonValue &shape, const QStringList &path,
                    Context context);

QJsonObject readMap(const YAML::Node &node, const QJsonObject &shape, const QStringList &path)
{
    QJsonObject object;
    QSet<QString> seen;
    const Context context = childContext(path);
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node keyNode = it->first;
        if (!keyNode.IsScalar())
            fail(keyNode, tr("A key must be a single word or value."));
        const QString key = fromStd(keyNode.Scalar());
        if (seen.contains(key))
            fail(keyNode, tr("The key “%1” appears twice.").arg(key));
        seen.insert(key);
        object.insert(key, readNode(it->second, shape.value(key), path + QStringList {key}, context));
    }
    return object;
}

QJsonValue readScalar(const YAML::Node &node, const QJsonValue &shape, const QStringList &path,
                      Context context)
{
    const QString text = fromStd(node.Scalar());
    // Quoted and block scalars are strings, whatever they contain.
    const bool plain = node.Tag() == "?";
    if (context == Context::Strings || shape.isString()) {
        if (plain && node.IsNull())
            return QString();
        return text;
    }
    if (shape.isBool()) {
        bool value = false;
        if (!looksLikeBool(text, &value))
            fail(node, tr("%1 must be true or false, not “%2”.").arg(pathText(path), text));
        return value;
    }
    if (shape.isDouble()) {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (!ok)
            fail(node, tr("%1 must be a number, not “%2”.").arg(pathText(path), text));
        return number;
    }
    if (!plain)
        return text;
    if (node.IsNull() || looksLikeNull(text))
        return QJsonValue(QJsonValue::Null);
    // Only true and false are booleans here (YAML 1.2); "yes" stays a word.
    if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        return true;
    if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
        return false;
    if (looksLikeNumber(text)) {
        bool ok = false;
        const double number = text.toDouble(&ok);
        if (ok)
            return number;
    }
    return text;
}

// Keys whose value is a mapping in every LXD object.
bool mustBeMapping(const QStringList &path)
{
    static const QSet<QString> maps {QStringLiteral("config"), QStringLiteral("devices"),
                                     QStringLiteral("properties"), QStringLiteral("environment")};
    return !path.isEmpty() && maps.contains(path.last());
}

QJsonValue readNode(const YAML::Node &node, const QJsonValue &shape, const QStringList &path, Context context)
{
    if (context == Context::Free && mustBeMapping(path) && !node.IsMap() && !node.IsNull())
        fail(node, tr("%1 must be a mapping of keys to values.").arg(pathText(path)));
    if (node.IsMap()) {
        if (context == Context::Strings || shape.isString() || shape.isBool() || shape.isDouble()
            || shape.isArray())
            fail(node, tr("%1 must be a single value, not a mapping.").arg(pathText(path)));
        return readMap(node, shape.toObject(), path);
    }
    if (node.IsSequence()) {
        if (context == Context::Strings || shape.isObject() || shape.isString() || shape.isBool()
            || shape.isDouble())
            fail(node, tr("%1 must not be a list.").arg(pathText(path)));
        const QJsonArray shapeItems = shape.toArray();
        const QJsonValue itemShape = shapeItems.isEmpty() ? QJsonValue() : shapeItems.first();
        QJsonArray array;
        int index = 0;
        for (const YAML::Node &item : node)
            array.append(
                readNode(item, itemShape, path + QStringList {QString::number(index++)}, Context::Free));
        return array;
    }
    if (node.IsScalar() || node.IsNull()) {
        if (node.IsNull() && (shape.isObject() || shape.isArray()))
            return shape.isObject() ? QJsonValue(QJsonObject()) : QJsonValue(QJsonArray());
        if (node.IsNull() && !shape.isString() && context != Context::Strings)
            return QJsonValue(QJsonValue::Null);
        if (shape.isObject())
            fail(node, tr("%1 must be a mapping of keys to values.").arg(pathText(path)));
        if (shape.isArray())
            fail(node, tr("%1 must be a list.").arg(pathText(path)));
        return readScalar(node, shape, path, context);
    }
    fail(node, tr("%1 cannot be read.").arg(pathText(path)));
}

} // namespace

QString YamlConverter::Problem::text() const
{
    if (line <= 0)
        return message;
    return tr("Line %1, column %2: %3").arg(line).arg(column).arg(message);
}

QString YamlConverter::toYaml(const QJsonObject &object, const QStringList &keyOrder)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    emitObject(out, object, keyOrder);
    QString text = QString::fromUtf8(out.c_str());
    if (!text.endsWith(QLatin1Char('\n')))
        text.append(QLatin1Char('\n'));
    return text;
}

QJsonObject YamlConverter::fromYaml(const QString &text, Problem *problem, const QJsonObject &shape)
{
    Problem found;
    QJsonObject result;
    try {
        const YAML::Node root = YAML::Load(toStd(text));
        if (!root || root.IsNull()) {
            result = QJsonObject();
        } else if (!root.IsMap()) {
            found
                = problemAt(root.Mark(), tr("The text must be a mapping of keys to values (“key: value”)."));
        } else {
            result = readMap(root, shape, {});
        }
    } catch (const YAML::Exception &error) {
        found = problemAt(error.mark, fromStd(error.msg));
    } catch (const ReadError &error) {
        found = error.problem;
    }
    if (!found.isNull())
        result = QJsonObject();
    if (problem)
        *problem = found;
    return result;
}

int YamlConverter::lineOf(const QString &text, const QStringList &path)
{
    if (path.isEmpty())
        return 0;
    try {
        YAML::Node node = YAML::Load(toStd(text));
        for (int depth = 0; depth < path.size(); ++depth) {
            if (!node.IsMap())
                return 0;
            bool found = false;
            for (auto it = node.begin(); it != node.end(); ++it) {
                if (it->first.IsScalar() && fromStd(it->first.Scalar()) == path.at(depth)) {
                    if (depth == path.size() - 1)
                        return it->first.Mark().line + 1;
                    // reset(), not =: assigning a yaml-cpp node overwrites what it refers to.
                    node.reset(it->second);
                    found = true;
                    break;
                }
            }
            if (!found)
                return 0;
        }
    } catch (const YAML::Exception &) {
        return 0;
    }
    return 0;
}
