#pragma once

#include <QIODevice>
#include <QPointer>

namespace Lxd {

// Where a file request's body goes. A transport needs its `responseSink` before the reply's headers
// say what the body is; this device takes the bytes and decides once the headers are in: pass them to
// a target (a file's contents), keep a bounded amount in memory (a link's target, a folder's listing),
// or count and drop them.
class FileDownloadSink final : public QIODevice
{
    Q_OBJECT

public:
    enum class Overflow { Fail, Discard };

    explicit FileDownloadSink(QObject *parent = nullptr);

    // Until a target is set, bytes are kept in memory up to `limit`; beyond it they fail the
    // download or are dropped.
    void setMemoryLimit(qint64 limit, Overflow overflow);
    // From now on every byte goes to `target` (not owned, open for writing). Null goes back to memory.
    void setTarget(QIODevice *target);

    QByteArray data() const { return m_data; }
    qint64 bytesReceived() const { return m_received; }

    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    QPointer<QIODevice> m_target;
    QByteArray m_data;
    qint64 m_limit = 64 * 1024;
    Overflow m_overflow = Overflow::Fail;
    qint64 m_received = 0;
};

} // namespace Lxd
