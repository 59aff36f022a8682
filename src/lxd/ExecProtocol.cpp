#include "ExecProtocol.h"

#include <QJsonDocument>
#include <QUrl>

namespace Lxd {

QHash<QString, QString> ExecProtocol::secrets(const QJsonObject &operation)
{
    QHash<QString, QString> result;
    const QJsonObject fds
        = operation.value(QLatin1String("metadata")).toObject().value(QLatin1String("fds")).toObject();
    for (auto it = fds.begin(); it != fds.end(); ++it) {
        if (it.value().isString() && !it.value().toString().isEmpty())
            result.insert(it.key(), it.value().toString());
    }
    return result;
}

QByteArray ExecProtocol::webSocketTarget(const QString &operationId, const QString &secret,
                                         const QString &project)
{
    QByteArray target = "/1.0/operations/" + QUrl::toPercentEncoding(operationId)
        + "/websocket?secret=" + QUrl::toPercentEncoding(secret);
    if (!project.isEmpty())
        target += "&project=" + QUrl::toPercentEncoding(project);
    return target;
}

QByteArray ExecProtocol::endOfStreamMessage()
{
    return QByteArrayLiteral("{\"command\":\"end\"}");
}

QByteArray ExecProtocol::windowResizeMessage(int columns, int rows)
{
    const QJsonObject message {
        {QStringLiteral("command"), QStringLiteral("window-resize")},
        {QStringLiteral("args"),
         QJsonObject {{QStringLiteral("width"), QString::number(columns)},
                      {QStringLiteral("height"), QString::number(rows)}}},
    };
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

QByteArray ExecProtocol::signalMessage(int signal)
{
    const QJsonObject message {
        {QStringLiteral("command"), QStringLiteral("signal")},
        {QStringLiteral("signal"), signal},
    };
    return QJsonDocument(message).toJson(QJsonDocument::Compact);
}

} // namespace Lxd
