#include "ScriptedEventServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QLocalServer>
#include <QLocalSocket>
#include <QVariant>

namespace {

// Enough to keep the socket busy, little enough that the server's memory is not what gets measured.
constexpr qint64 WriteAheadBytes = 256 * 1024;

QByteArray frame(const QByteArray &payload)
{
    QByteArray head;
    head.append(char(0x81)); // FIN, text; a server's frames are not masked
    const qint64 size = payload.size();
    if (size < 126) {
        head.append(char(size));
    } else if (size < 65536) {
        head.append(char(126));
        head.append(char((size >> 8) & 0xff));
        head.append(char(size & 0xff));
    } else {
        head.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            head.append(char((size >> shift) & 0xff));
    }
    return head + payload;
}

} // namespace

ScriptedEventServer::ScriptedEventServer(QString socketPath)
    : m_socketPath(std::move(socketPath))
{ }

ScriptedEventServer::~ScriptedEventServer()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
}

bool ScriptedEventServer::start()
{
    m_thread.setObjectName(QStringLiteral("ScriptedEventServer"));
    m_thread.start();
    auto *server = new QLocalServer;
    server->moveToThread(&m_thread);
    m_server = server;
    QMetaObject::invokeMethod(
        server, [this] { listen(); }, Qt::BlockingQueuedConnection);
    return m_listening.load();
}

void ScriptedEventServer::listen()
{
    QLocalServer::removeServer(m_socketPath);
    m_listening = m_server->listen(m_socketPath);
    connect(m_server, &QLocalServer::newConnection, m_server, [this] { accept(); });
}

void ScriptedEventServer::accept()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::readyRead, m_server, [this, socket] { readRequest(socket); });
        connect(socket, &QLocalSocket::bytesWritten, m_server, [this, socket] { sendMore(socket); });
        connect(socket, &QLocalSocket::disconnected, m_server, [this, socket] {
            if (socket->property("upgraded").toBool())
                --m_streams;
            socket->deleteLater();
        });
    }
}

void ScriptedEventServer::readRequest(QLocalSocket *socket)
{
    if (socket->property("upgraded").toBool()) {
        socket->readAll(); // the client's close frame, at most
        return;
    }
    QByteArray request = socket->property("request").toByteArray() + socket->readAll();
    socket->setProperty("request", request);
    const qsizetype end = request.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    QByteArray key;
    const QList<QByteArray> lines = request.left(end).split('\n');
    for (const QByteArray &line : lines) {
        if (line.toLower().startsWith("sec-websocket-key:"))
            key = line.mid(int(qstrlen("sec-websocket-key:"))).trimmed();
    }
    if (!lines.constFirst().startsWith("GET /1.0/events") || key.isEmpty()) {
        const QByteArray body = R"({"type":"error","error":"not found","error_code":404})";
        socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        return;
    }
    const QByteArray accept
        = QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1)
              .toBase64();
    socket->write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Accept: "
                  + accept + "\r\n\r\n");
    socket->setProperty("upgraded", true);
    ++m_streams;
    sendMore(socket);
}

void ScriptedEventServer::burst(int count)
{
    QMetaObject::invokeMethod(m_server, [this, count] {
        m_toSend += count;
        const QList<QLocalSocket *> sockets = m_server->findChildren<QLocalSocket *>();
        for (QLocalSocket *socket : sockets)
            sendMore(socket);
    });
}

void ScriptedEventServer::sendMore(QLocalSocket *socket)
{
    if (!socket->property("upgraded").toBool() || socket->state() != QLocalSocket::ConnectedState)
        return;
    while (m_next < m_toSend && socket->bytesToWrite() < WriteAheadBytes) {
        socket->write(frame(event(m_next)));
        ++m_next;
        ++m_sent;
    }
}

QByteArray ScriptedEventServer::event(int n)
{
    const QByteArray time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    const QByteArray number = QByteArray::number(n);
    const QByteArray instance = "burst-" + QByteArray::number(n % 50);
    switch (n % 3) {
    case 0:
        return R"({"location":"none","metadata":{"action":"instance-updated","context":{"n":)" + number
            + R"(},"requestor":{"address":"@","protocol":"unix","username":"root"},"source":"/1.0/instances/)"
            + instance + R"("},"project":"default","timestamp":")" + time + R"(","type":"lifecycle"})";
    case 1:
        return R"({"location":"none","metadata":{"class":"task","created_at":")" + time
            + R"(","description":"Updating instance","err":"","id":"00000000-0000-4000-8000-)"
            + number.rightJustified(12, '0')
            + R"(","location":"none","may_cancel":false,"metadata":{"progress":{"percent":")"
            + QByteArray::number(n % 100)
            + R"(","stage":"update"}},"resources":{"instances":["/1.0/instances/)" + instance
            + R"("]},"status":"Running","status_code":103,"updated_at":")" + time
            + R"("},"project":"default","timestamp":")" + time + R"(","type":"operation"})";
    default:
        return R"({"location":"none","metadata":{"context":{"ip":"@","method":"GET","n":)" + number
            + R"(,"protocol":"unix","url":"/1.0/instances/)" + instance
            + R"(/state","username":"root"},"level":"debug","message":"Handling API request"},"timestamp":")"
            + time + R"(","type":"logging"})";
    }
}
