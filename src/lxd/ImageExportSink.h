#pragma once

#include "Error.h"

#include <QCryptographicHash>
#include <QFile>
#include <QIODevice>

#include <memory>

namespace Lxd {

// Where GET /1.0/images/<fingerprint>/export writes its body, as it arrives. A unified image is one
// tarball and goes to `imagePath` as is. A split image comes as multipart/form-data with a part
// "metadata" and a part "rootfs" (or "rootfs.img"): the framing is parsed on the fly and each part's
// bytes go to `imagePath` and `rootfsPath`, so memory stays bounded whatever the image's size.
// The file names the server suggests are kept for display only: the paths are the caller's.
class ImageExportSink final : public QIODevice
{
    Q_OBJECT

public:
    ImageExportSink(QString imagePath, QString rootfsPath, QObject *parent = nullptr);
    ~ImageExportSink() override;

    // Called with the reply's Content-Type before any byte of the body: multipart/form-data means a
    // split image (its boundary parameter is required), anything else a unified one. Opens the sink.
    bool start(const QByteArray &contentType);

    bool isSplit() const { return !m_boundary.isEmpty(); }
    // After the last byte: checks that the multipart body was complete and closes the files.
    Error finish();
    // Closes and removes whatever was written (a failed or cancelled export leaves nothing behind).
    void discard();

    // Why a write failed, when it was the sink's fault (the framing, a file); none otherwise.
    Error error() const { return m_error; }
    // SHA-256 of the image's bytes (metadata then rootfs), hex: an image's fingerprint.
    QString sha256() const;
    qint64 imageSize() const { return m_written[0]; }
    qint64 rootfsSize() const { return m_written[1]; }
    // The filename parameter of each part, as the server sent it.
    QString metadataPartFilename() const { return m_partFilenames[0]; }
    QString rootfsPartFilename() const { return m_partFilenames[1]; }
    // "rootfs" for a container image, "rootfs.img" for a virtual machine's.
    QString rootfsPartName() const { return m_rootfsPartName; }

    bool isSequential() const override { return true; }

    // Limits on the framing, so that a hostile reply cannot make the sink hold much in memory.
    static constexpr int MaxPartHeaderBytes = 16 * 1024;
    static constexpr int MaxPartCount = 2;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    enum class State { Preamble, AfterDelimiter, Headers, Body, End };

    bool process();
    bool startPart(const QByteArray &headers);
    bool writePart(const char *data, qint64 size);
    bool fail(const Error &error);
    void closeFiles();

    QString m_paths[2];
    std::unique_ptr<QFile> m_files[2];
    qint64 m_written[2] = {0, 0};
    QString m_partFilenames[2];
    QString m_rootfsPartName;
    QByteArray m_boundary;
    QByteArray m_delimiter; // "\r\n--" + boundary
    QByteArray m_pending;
    State m_state = State::Preamble;
    int m_part = -1;
    QCryptographicHash m_hash {QCryptographicHash::Sha256};
    Error m_error;
};

} // namespace Lxd
