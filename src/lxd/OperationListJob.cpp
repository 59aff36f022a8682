#include "OperationListJob.h"

#include <QJsonArray>

namespace Lxd {

QList<Operation> OperationListJob::objects(const QString &status) const
{
    QList<Operation> result;
    const QJsonObject groups = metadata().toObject();
    for (auto group = groups.begin(); group != groups.end(); ++group) {
        if (!status.isEmpty() && group.key().compare(status, Qt::CaseInsensitive) != 0)
            continue;
        const QJsonArray items = group.value().toArray();
        for (const QJsonValue &item : items) {
            if (item.isObject()) {
                result.append(Operation(item.toObject(), {}, Resource::Detail::Full));
            } else {
                // Without recursion LXD sends URLs; keep the id and the status the group gives.
                const QJsonObject summary {{QStringLiteral("id"), Resource::nameFromUrl(item.toString())},
                                           {QStringLiteral("status"), group.key()}};
                result.append(Operation(summary, {}, Resource::Detail::Summary));
            }
        }
    }
    return result;
}

QList<CertificateAddToken> OperationListJob::certificateTokens() const
{
    QList<CertificateAddToken> tokens;
    const QList<Operation> operations = objects(QStringLiteral("running"));
    for (const Operation &operation : operations) {
        // Cluster join tokens are tokens too, but carry no client request.
        if (!operation.isToken() || !operation.metadata().contains(QLatin1String("request")))
            continue;
        const CertificateAddToken token = CertificateAddToken::fromOperation(operation.json());
        if (token.isValid())
            tokens.append(token);
    }
    return tokens;
}

} // namespace Lxd
