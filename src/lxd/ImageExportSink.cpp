#include "ImageExportSink.h"

#include <QMap>

namespace Lxd {

namespace {

// A header value such as `form-data; name="metadata"; filename="a.tar"` (RFC 7231 / 2183): the
// leading token lowercased, and the parameters with names lowercased and quotes removed.
struct HeaderValue
{
    QByteArray token;
    QMap<QByteArray, QByteArray> parameters;
};

HeaderValue parseHeaderValue(const QByteArray &text)
{
    HeaderValue result;
    int i = 0;
    const int n = text.size();
    auto skipSpace = [&] {
        while (i < n && (text[i] == ' ' || text[i] == '\t'))
            ++i;
    };
    skipSpace();
    const int tokenStart = i;
    while (i < n && text[i] != ';')
        ++i;
    result.token = text.mid(tokenStart, i - tokenStart).trimmed().toLower();
    while (i < n) {
        ++i; // the ';'
        skipSpace();
        const int nameStart = i;
        while (i < n && text[i] != '=' && text[i] != ';')
            ++i;
        const QByteArray name = text.mid(nameStart, i - nameStart).trimmed().toLower();
        QByteArray value;
        if (i < n && text[i] == '=') {
            ++i;
            skipSpace();
            if (i < n && text[i] == '"') {
                ++i;
                while (i < n && text[i] != '"') {
                    if (text[i] == '\\' && i + 1 < n)
                        ++i;
                    value.append(text[i]);
                    ++i;
                }
                if (i < n)
                    ++i; // the closing quote
                while (i < n && text[i] != ';')
                    ++i;
            } else {
                const int valueStart = i;
                while (i < n && text[i] != ';')
                    ++i;
                value = text.mid(valueStart, i - valueStart).trimmed();
            }
        }
        if (!name.isEmpty())
            result.parameters.insert(name, value);
    }
    return result;
}

Error framingError(const QString &detail)
{
    return Error::parse(QStringLiteral("the image export is not a valid multipart body: %1").arg(detail));
}

} // namespace

ImageExportSink::ImageExportSink(QString imagePath, QString rootfsPath, QObject *parent)
    : QIODevice(parent)
    , m_paths {std::move(imagePath), std::move(rootfsPath)}
{ }

ImageExportSink::~ImageExportSink()
{
    closeFiles();
}

bool ImageExportSink::start(const QByteArray &contentType)
{
    const HeaderValue type = parseHeaderValue(contentType);
    if (type.token == "multipart/form-data") {
        m_boundary = type.parameters.value(QByteArrayLiteral("boundary"));
        // RFC 2046 allows 1 to 70 characters.
        if (m_boundary.isEmpty() || m_boundary.size() > 70)
            return fail(framingError(
                QStringLiteral("no usable boundary in \"%1\"").arg(QString::fromLatin1(contentType))));
        m_delimiter = QByteArrayLiteral("\r\n--") + m_boundary;
        // The first delimiter may open the body without a line break before it: pretend there was one.
        m_pending = QByteArrayLiteral("\r\n");
        m_state = State::Preamble;
    } else {
        m_files[0] = std::make_unique<QFile>(m_paths[0]);
        if (!m_files[0]->open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(
                Error(Error::Kind::Io,
                      QStringLiteral("cannot write %1: %2").arg(m_paths[0], m_files[0]->errorString())));
        m_part = 0;
    }
    return QIODevice::open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

qint64 ImageExportSink::readData(char *data, qint64 maxSize)
{
    Q_UNUSED(data)
    Q_UNUSED(maxSize)
    return -1;
}

qint64 ImageExportSink::writeData(const char *data, qint64 maxSize)
{
    if (m_error)
        return -1;
    if (!isSplit())
        return writePart(data, maxSize) ? maxSize : -1;
    m_pending.append(data, maxSize);
    return process() ? maxSize : -1;
}

bool ImageExportSink::process()
{
    for (;;) {
        switch (m_state) {
        case State::Preamble: {
            const qsizetype at = m_pending.indexOf(m_delimiter);
            if (at < 0) {
                // A preamble is ignored; keep only what may be the start of a delimiter.
                const qsizetype keep = qMin<qsizetype>(m_pending.size(), m_delimiter.size() - 1);
                m_pending.remove(0, m_pending.size() - keep);
                return true;
            }
            m_pending.remove(0, at + m_delimiter.size());
            m_state = State::AfterDelimiter;
            break;
        }
        case State::AfterDelimiter: {
            if (m_pending.size() < 2)
                return true;
            if (m_pending.startsWith("--")) {
                m_state = State::End;
                m_pending.clear();
                return true;
            }
            const qsizetype lineEnd = m_pending.indexOf("\r\n");
            if (lineEnd < 0) {
                if (m_pending.size() > MaxPartHeaderBytes)
                    return fail(framingError(QStringLiteral("a delimiter line never ends")));
                return true;
            }
            // Only transport padding (spaces, tabs) may follow a boundary on its line.
            for (qsizetype i = 0; i < lineEnd; ++i) {
                if (m_pending[i] != ' ' && m_pending[i] != '\t')
                    return fail(framingError(QStringLiteral("text after a boundary")));
            }
            m_pending.remove(0, lineEnd + 2);
            m_state = State::Headers;
            break;
        }
        case State::Headers: {
            QByteArray headers;
            if (m_pending.startsWith("\r\n")) {
                m_pending.remove(0, 2);
            } else {
                const qsizetype end = m_pending.indexOf("\r\n\r\n");
                if (end < 0) {
                    if (m_pending.size() > MaxPartHeaderBytes)
                        return fail(framingError(QStringLiteral("part headers are too long")));
                    return true;
                }
                if (end > MaxPartHeaderBytes)
                    return fail(framingError(QStringLiteral("part headers are too long")));
                headers = m_pending.left(end);
                m_pending.remove(0, end + 4);
            }
            if (!startPart(headers))
                return false;
            m_state = State::Body;
            break;
        }
        case State::Body: {
            const qsizetype at = m_pending.indexOf(m_delimiter);
            if (at < 0) {
                // Everything but a possible delimiter's beginning is the part's content.
                const qsizetype safe = m_pending.size() - (m_delimiter.size() - 1);
                if (safe > 0) {
                    if (!writePart(m_pending.constData(), safe))
                        return false;
                    m_pending.remove(0, safe);
                }
                return true;
            }
            if (!writePart(m_pending.constData(), at))
                return false;
            m_pending.remove(0, at + m_delimiter.size());
            m_state = State::AfterDelimiter;
            break;
        }
        case State::End:
            // An epilogue is ignored.
            m_pending.clear();
            return true;
        }
    }
}

bool ImageExportSink::startPart(const QByteArray &headers)
{
    ++m_part;
    if (m_part >= MaxPartCount)
        return fail(framingError(QStringLiteral("more than two parts")));

    HeaderValue disposition;
    const QList<QByteArray> lines = headers.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        if (line.left(colon).trimmed().compare("Content-Disposition", Qt::CaseInsensitive) == 0)
            disposition = parseHeaderValue(line.mid(colon + 1));
    }
    const QString name = QString::fromUtf8(disposition.parameters.value(QByteArrayLiteral("name")));
    const bool expected = m_part == 0
        ? name == QLatin1String("metadata")
        : name == QLatin1String("rootfs") || name == QLatin1String("rootfs.img");
    if (!expected)
        return fail(framingError(QStringLiteral("unexpected part \"%1\"").arg(name)));
    if (m_part == 1)
        m_rootfsPartName = name;
    m_partFilenames[m_part] = QString::fromUtf8(disposition.parameters.value(QByteArrayLiteral("filename")));

    if (m_paths[m_part].isEmpty())
        return fail(Error(Error::Kind::Io,
                          QStringLiteral("the image is split, but no file was given for its rootfs")));
    m_files[m_part] = std::make_unique<QFile>(m_paths[m_part]);
    if (!m_files[m_part]->open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(Error(
            Error::Kind::Io,
            QStringLiteral("cannot write %1: %2").arg(m_paths[m_part], m_files[m_part]->errorString())));
    return true;
}

bool ImageExportSink::writePart(const char *data, qint64 size)
{
    if (size == 0)
        return true;
    QFile *file = m_part >= 0 && m_part < MaxPartCount ? m_files[m_part].get() : nullptr;
    if (!file)
        return fail(framingError(QStringLiteral("content outside of a part")));
    if (file->write(data, size) != size)
        return fail(Error(Error::Kind::Io,
                          QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString())));
    m_hash.addData(QByteArrayView(data, size));
    m_written[m_part] += size;
    return true;
}

bool ImageExportSink::fail(const Error &error)
{
    if (!m_error)
        m_error = error;
    setErrorString(m_error.detail());
    return false;
}

Error ImageExportSink::finish()
{
    if (!m_error && isSplit() && (m_state != State::End || m_part < 1))
        fail(framingError(m_part < 1 ? QStringLiteral("the reply ended before both parts arrived")
                                     : QStringLiteral("the reply ended before the closing boundary")));
    for (const std::unique_ptr<QFile> &file : m_files) {
        if (!m_error && file && file->isOpen() && !file->flush())
            fail(Error(Error::Kind::Io,
                       QStringLiteral("cannot write %1: %2").arg(file->fileName(), file->errorString())));
    }
    closeFiles();
    QIODevice::close();
    return m_error;
}

void ImageExportSink::discard()
{
    closeFiles();
    for (int i = 0; i < MaxPartCount; ++i) {
        if (m_files[i])
            QFile::remove(m_paths[i]);
    }
    QIODevice::close();
}

void ImageExportSink::closeFiles()
{
    for (const std::unique_ptr<QFile> &file : m_files) {
        if (file)
            file->close();
    }
}

QString ImageExportSink::sha256() const
{
    return QString::fromLatin1(m_hash.result().toHex());
}

} // namespace Lxd
