#include "Job.h"

#include <QMetaObject>

namespace Lxd {

Job::Job(QObject *parent)
    : QObject(parent)
{ }

Job::~Job() = default;

void Job::cancel()
{
    if (m_finished)
        return;
    stopWork();
    finishWith(Error::cancelled());
}

void Job::abandon()
{
    if (!m_abandoned) {
        m_abandoned = true;
        if (!m_finished)
            stopWork();
        m_finished = true;
    }
    deleteLater();
}

void Job::finishWith(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    // Queued, so finishing during start-up or from inside a caller's own call still reaches it later.
    QMetaObject::invokeMethod(this, &Job::emitFinished, Qt::QueuedConnection);
}

void Job::beginLater()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_finished || m_begun)
                return;
            m_begun = true;
            begin();
        },
        Qt::QueuedConnection);
}

void Job::emitFinished()
{
    if (m_abandoned)
        return;
    Q_EMIT finished(this);
    deleteLater();
}

} // namespace Lxd
