#include "Operation.h"

#include <QJsonArray>

namespace Lxd {

QMap<QString, QStringList> Operation::resources() const
{
    QMap<QString, QStringList> result;
    const QJsonObject map = object(QStringLiteral("resources"));
    for (auto it = map.begin(); it != map.end(); ++it) {
        QStringList urls;
        const QJsonArray array = it.value().toArray();
        for (const QJsonValue &url : array)
            urls.append(url.toString());
        result.insert(it.key(), urls);
    }
    return result;
}

} // namespace Lxd
