#pragma once

#include <QList>
#include <QLocalServer>
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>

class QLocalSocket;

// A unix socket that passes every connection through to another one (the testbed daemon's), so a
// test can cut the connections a client has open, as a network failure would, while the daemon
// runs on. New connections are accepted again after a cut.
class SocketRelay final : public QObject
{
    Q_OBJECT

public:
    explicit SocketRelay(QString target, QObject *parent = nullptr);
    ~SocketRelay() override;

    bool listen();
    QString path() const;
    // Aborts every connection relayed so far, both ends.
    void cutAll();
    int openConnections() const;

private:
    struct Pair
    {
        QPointer<QLocalSocket> client;
        QPointer<QLocalSocket> upstream;
        QByteArray pending; // from the client, before the upstream connected
    };

    void onNewConnection();

    QString m_target;
    QTemporaryDir m_directory;
    QLocalServer m_server;
    QList<Pair *> m_pairs;
};
