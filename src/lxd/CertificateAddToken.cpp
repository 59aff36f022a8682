#include "CertificateAddToken.h"

namespace Lxd {

namespace {
const PendingToken::NameKeys NameKeys {QLatin1String("client_name"), QLatin1String("name"), true};
} // namespace

CertificateAddToken CertificateAddToken::fromOperation(const QJsonObject &operation)
{
    return CertificateAddToken(PendingToken::fromOperation(operation, NameKeys));
}

CertificateAddToken CertificateAddToken::decode(const QString &text)
{
    return CertificateAddToken(PendingToken::decode(text, NameKeys));
}

QString CertificateAddToken::encode() const
{
    return m_token.encode(NameKeys);
}

} // namespace Lxd
