#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

class QIODevice;

namespace Lxd {

// What to run in an instance and how: LXD's InstanceExecPost (command, environment, user, group,
// working directory, terminal size) plus what Berth does with the streams (standard input, whether
// output is kept). A small value: build it, then hand it to ExecJob or InteractiveSession.
class ExecRequest final
{
public:
    ExecRequest() = default;
    explicit ExecRequest(QStringList command);

    QStringList command() const { return m_command; }
    void setCommand(const QStringList &command) { m_command = command; }

    // Variables added to LXD's defaults (PATH, HOME, USER, LANG…), which they override.
    QMap<QString, QString> environment() const { return m_environment; }
    void setEnvironment(const QMap<QString, QString> &environment) { m_environment = environment; }
    void setEnvironmentVariable(const QString &name, const QString &value)
    {
        m_environment.insert(name, value);
    }

    // Numeric ids inside the instance; unset means root (LXD's default).
    std::optional<quint32> user() const { return m_user; }
    void setUser(quint32 uid) { m_user = uid; }
    std::optional<quint32> group() const { return m_group; }
    void setGroup(quint32 gid) { m_group = gid; }

    // Empty means LXD's default (the user's home directory).
    QString workingDirectory() const { return m_workingDirectory; }
    void setWorkingDirectory(const QString &path) { m_workingDirectory = path; }

    // Interactive sessions get a terminal (a pty) of this size; ExecJob is never interactive.
    bool isInteractive() const { return m_interactive; }
    void setInteractive(bool interactive) { m_interactive = interactive; }
    int columns() const { return m_columns; }
    int rows() const { return m_rows; }
    void setTerminalSize(int columns, int rows);

    // Standard input for a non-interactive command: these bytes, or everything a device gives until
    // its end (streamed, never read whole). Without either, the command's input is closed at once.
    QByteArray standardInput() const { return m_standardInput; }
    void setStandardInput(const QByteArray &data);
    // Not owned; it must outlive the job. It is read from the event loop, so a pipe or socket works.
    QIODevice *standardInputDevice() const { return m_standardInputDevice; }
    void setStandardInputDevice(QIODevice *device);

    // Whether ExecJob keeps the output for output()/errorOutput() besides streaming it (the default).
    // Turn it off for large outputs a caller consumes from the signals, so memory stays bounded.
    bool accumulatesOutput() const { return m_accumulateOutput; }
    void setAccumulateOutput(bool accumulate) { m_accumulateOutput = accumulate; }

    // For a command whose output nobody reads and which reads no input: the daemon runs it with no
    // streams attached (`wait-for-websocket` false), so the exec costs its request alone, not four
    // websocket connections more. ExecJob then emits no output, cannot signal the command, and fails
    // if standard input was given.
    bool discardsOutput() const { return m_discardOutput; }
    void setDiscardOutput(bool discard) { m_discardOutput = discard; }

    // The body of POST /1.0/instances/<name>/exec. Berth attaches to the streams itself
    // (`wait-for-websocket` true) unless output is discarded; `record-output` is always false.
    QJsonObject toJson() const;

private:
    QStringList m_command;
    QMap<QString, QString> m_environment;
    std::optional<quint32> m_user;
    std::optional<quint32> m_group;
    QString m_workingDirectory;
    bool m_interactive = false;
    int m_columns = 80;
    int m_rows = 24;
    QByteArray m_standardInput;
    QIODevice *m_standardInputDevice = nullptr;
    bool m_accumulateOutput = true;
    bool m_discardOutput = false;
};

} // namespace Lxd
