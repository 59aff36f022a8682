#pragma once

#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>

class QLocalServer;
class QLocalSocket;

// Tests only: a stand-in for LXD's /1.0/events on a unix socket, in a thread of its own so that what
// it costs to send is not measured as the client's. It accepts the WebSocket upgrade as LXD does and,
// when told, sends a burst of realistic events (lifecycle, operation and debug log lines, in turn) as
// fast as the client takes them, never holding more than a little in its own write buffer.
class ScriptedEventServer final : public QObject
{
    Q_OBJECT

public:
    explicit ScriptedEventServer(QString socketPath);
    ~ScriptedEventServer() override;

    // Listens (from its thread); false if the socket could not be made.
    bool start();
    QString socketPath() const { return m_socketPath; }
    // Sends `count` events to every open stream; `sentCount()` counts them as they go.
    void burst(int count);
    int sentCount() const { return m_sent.load(); }
    int openStreams() const { return m_streams.load(); }

    // Event number `n` of a burst, compact JSON, as LXD 5.0 would send it.
    static QByteArray event(int n);

private:
    // Runs in the server thread.
    void listen();
    void accept();
    void readRequest(QLocalSocket *socket);
    void sendMore(QLocalSocket *socket);

    QString m_socketPath;
    QThread m_thread;
    QLocalServer *m_server = nullptr; // lives in m_thread
    std::atomic<int> m_sent {0};
    std::atomic<int> m_streams {0};
    std::atomic<bool> m_listening {false};
    int m_toSend = 0; // server thread only
    int m_next = 0;
};
