#include "ExecRequest.h"

#include <QJsonArray>

namespace Lxd {

ExecRequest::ExecRequest(QStringList command)
    : m_command(std::move(command))
{ }

void ExecRequest::setTerminalSize(int columns, int rows)
{
    m_columns = qMax(1, columns);
    m_rows = qMax(1, rows);
}

void ExecRequest::setStandardInput(const QByteArray &data)
{
    m_standardInput = data;
    m_standardInputDevice = nullptr;
}

void ExecRequest::setStandardInputDevice(QIODevice *device)
{
    m_standardInputDevice = device;
    m_standardInput.clear();
}

QJsonObject ExecRequest::toJson() const
{
    QJsonObject environment;
    for (auto it = m_environment.cbegin(); it != m_environment.cend(); ++it)
        environment.insert(it.key(), it.value());

    QJsonObject body {
        {QStringLiteral("command"), QJsonArray::fromStringList(m_command)},
        {QStringLiteral("environment"), environment},
        {QStringLiteral("interactive"), m_interactive},
        {QStringLiteral("wait-for-websocket"), !m_discardOutput},
        {QStringLiteral("record-output"), false},
    };
    if (m_interactive) {
        body.insert(QStringLiteral("width"), m_columns);
        body.insert(QStringLiteral("height"), m_rows);
    }
    // Sent only when set, so that LXD applies its own defaults (root, the user's home).
    if (m_user)
        body.insert(QStringLiteral("user"), qint64(*m_user));
    if (m_group)
        body.insert(QStringLiteral("group"), qint64(*m_group));
    if (!m_workingDirectory.isEmpty())
        body.insert(QStringLiteral("cwd"), m_workingDirectory);
    return body;
}

} // namespace Lxd
