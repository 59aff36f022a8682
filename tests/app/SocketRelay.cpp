#include "SocketRelay.h"

#include <QDir>
#include <QLocalSocket>

SocketRelay::SocketRelay(QString target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
{
    connect(&m_server, &QLocalServer::newConnection, this, &SocketRelay::onNewConnection);
}

SocketRelay::~SocketRelay()
{
    cutAll();
}

bool SocketRelay::listen()
{
    return m_directory.isValid() && m_server.listen(path());
}

QString SocketRelay::path() const
{
    return QDir(m_directory.path()).filePath(QStringLiteral("relay.socket"));
}

void SocketRelay::onNewConnection()
{
    while (QLocalSocket *client = m_server.nextPendingConnection()) {
        auto *pair = new Pair;
        pair->client = client;
        pair->upstream = new QLocalSocket(this);
        m_pairs.append(pair);
        QLocalSocket *upstream = pair->upstream;
        connect(upstream, &QLocalSocket::connected, this, [pair] {
            if (pair->upstream && !pair->pending.isEmpty())
                pair->upstream->write(pair->pending);
            pair->pending.clear();
        });
        connect(client, &QLocalSocket::readyRead, this, [pair] {
            if (!pair->client)
                return;
            const QByteArray bytes = pair->client->readAll();
            if (pair->upstream && pair->upstream->state() == QLocalSocket::ConnectedState)
                pair->upstream->write(bytes);
            else
                pair->pending += bytes;
        });
        connect(upstream, &QLocalSocket::readyRead, this, [pair] {
            if (pair->upstream && pair->client)
                pair->client->write(pair->upstream->readAll());
        });
        const auto hangUp = [pair] {
            if (pair->client)
                pair->client->disconnectFromServer();
            if (pair->upstream)
                pair->upstream->disconnectFromServer();
        };
        connect(client, &QLocalSocket::disconnected, this, hangUp);
        connect(upstream, &QLocalSocket::disconnected, this, hangUp);
        upstream->connectToServer(m_target);
    }
}

void SocketRelay::cutAll()
{
    const QList<Pair *> pairs = std::exchange(m_pairs, {});
    for (Pair *pair : pairs) {
        if (pair->client) {
            pair->client->disconnect(this);
            pair->client->abort();
            pair->client->deleteLater();
        }
        if (pair->upstream) {
            pair->upstream->disconnect(this);
            pair->upstream->abort();
            pair->upstream->deleteLater();
        }
        delete pair;
    }
}

int SocketRelay::openConnections() const
{
    int count = 0;
    for (const Pair *pair : m_pairs)
        count += pair->client && pair->client->state() == QLocalSocket::ConnectedState ? 1 : 0;
    return count;
}
