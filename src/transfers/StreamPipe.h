#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QList>

namespace Transfers {

// A byte queue in memory between a producer and a consumer in the same thread: one request's body
// written in, another request's body read out, so a file goes from one instance to another without
// touching the disk. The producer looks at bufferedBytes() to keep it bounded; the consumer is told
// of new bytes by readyRead() and of the end by readChannelFinished() (after finishWriting()).
class StreamPipe final : public QIODevice
{
    Q_OBJECT

public:
    explicit StreamPipe(QObject *parent = nullptr);

    // Appends bytes for the reader (QIODevice::write() does the same).
    void append(const QByteArray &data);
    // No more bytes will come.
    void finishWriting();
    bool isWritingFinished() const { return m_writingFinished; }

    qint64 bufferedBytes() const { return m_buffered; }
    qint64 totalWritten() const { return m_written; }
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    bool atEnd() const override;

Q_SIGNALS:
    // The reader took bytes: there may be room for more.
    void consumed();

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 size) override;

private:
    void announce();

    QList<QByteArray> m_chunks;
    qint64 m_firstOffset = 0; // bytes of m_chunks.first() already read
    qint64 m_buffered = 0;
    qint64 m_written = 0;
    bool m_writingFinished = false;
    bool m_announcing = false;
};

} // namespace Transfers
