#include "RemoteStatusLabel.h"

#include "Icons.h"
#include "models/Remote.h"

#include <QHBoxLayout>
#include <QLabel>

RemoteStatusLabel::RemoteStatusLabel(Models::Remote *remote, QWidget *parent)
    : QWidget(parent)
    , m_remote(remote)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("remoteStatus_") + remote->name());
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setMaximumWidth(420);
    connect(remote, &Models::Remote::stateChanged, this, &RemoteStatusLabel::update);
    connect(remote, &Models::Remote::serverInfoChanged, this, &RemoteStatusLabel::update);
    update();
}

QString RemoteStatusLabel::text() const
{
    return m_text->text();
}

void RemoteStatusLabel::update()
{
    if (!m_remote)
        return;
    m_icon->setPixmap(
        Icons::status(m_remote->state() == Models::Remote::State::Connected    ? QStringLiteral("Online")
                          : m_remote->state() == Models::Remote::State::Failed ? QStringLiteral("Error")
                                                                               : QStringLiteral("Pending"))
            .pixmap(12, 12));
    const QString full = tr("%1: %2").arg(m_remote->name(), m_remote->stateText());
    // Long reasons are cut here; the tool tip has all of it.
    m_text->setText(m_text->fontMetrics().elidedText(full, Qt::ElideRight, m_text->maximumWidth()));
    QStringList tip {full, m_remote->endpoint()};
    if (!m_remote->serverDescription().isEmpty())
        tip.append(m_remote->serverDescription());
    setToolTip(tip.join(QLatin1Char('\n')));
    setAccessibleName(full);
}
