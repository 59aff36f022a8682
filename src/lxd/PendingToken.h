#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace Lxd {

// What LXD's trust tokens and cluster join tokens share: a secret the server keeps as a pending "token"
// operation, handed to the other side as base64 of a small JSON object. They differ only in the name
// they carry (the client's or the new member's) and where that name sits, which the caller says.
struct PendingToken
{
    // Where the name is kept: the key in the pasted JSON ("client_name"), and how to find it in the
    // token operation's metadata.
    struct NameKeys
    {
        QLatin1String encoded;
        QLatin1String metadata;
        // Trust tokens keep it in metadata.request.<metadata>, join tokens in metadata.<metadata>.
        bool insideRequest = false;
    };

    QString name;
    QString fingerprint; // the server certificate's, for the other side to pin
    QStringList addresses;
    QString secret;
    QDateTime expiresAt; // invalid: never expires
    QString operationId; // the pending operation (known when read from one): DELETE it to revoke

    static PendingToken fromOperation(const QJsonObject &operation, const NameKeys &keys);
    // Empty when the text is not base64 of a JSON object.
    static PendingToken decode(const QString &text, const NameKeys &keys);
    QString encode(const NameKeys &keys) const;
};

} // namespace Lxd
