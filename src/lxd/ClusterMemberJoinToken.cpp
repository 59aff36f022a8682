#include "ClusterMemberJoinToken.h"

namespace Lxd {

namespace {
const PendingToken::NameKeys NameKeys {QLatin1String("server_name"), QLatin1String("serverName"), false};
} // namespace

ClusterMemberJoinToken ClusterMemberJoinToken::fromOperation(const QJsonObject &operation)
{
    return ClusterMemberJoinToken(PendingToken::fromOperation(operation, NameKeys));
}

ClusterMemberJoinToken ClusterMemberJoinToken::decode(const QString &text)
{
    return ClusterMemberJoinToken(PendingToken::decode(text, NameKeys));
}

QString ClusterMemberJoinToken::encode() const
{
    return m_token.encode(NameKeys);
}

} // namespace Lxd
