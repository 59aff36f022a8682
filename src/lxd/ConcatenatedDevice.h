#pragma once

#include <QByteArray>
#include <QIODevice>

#include <memory>
#include <vector>

class QFile;

namespace Lxd {

// A read-only, seekable device that reads like its pieces one after the other: bytes held in memory
// and files read from disk as they are needed. A multipart upload is framing bytes around whole files;
// this sends it with a known length and without ever loading a file.
class ConcatenatedDevice final : public QIODevice
{
    Q_OBJECT

public:
    explicit ConcatenatedDevice(QObject *parent = nullptr);
    ~ConcatenatedDevice() override;

    // Pieces are added before open(). The file is opened here (false with the reason when it cannot
    // be) and its size taken now: a file that shrinks later makes the read fail, not the body shorter.
    void appendBytes(const QByteArray &bytes);
    bool appendFile(const QString &path, QString *error);

    // Read-only and unbuffered (a buffer would only copy what the pieces already hold).
    bool open(OpenMode mode) override;
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_size; }
    bool seek(qint64 position) override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    struct Piece
    {
        qint64 start = 0;
        qint64 size = 0;
        QByteArray bytes;
        std::unique_ptr<QFile> file;
    };

    std::vector<Piece> m_pieces;
    qint64 m_size = 0;
    qint64 m_offset = 0;
};

} // namespace Lxd
