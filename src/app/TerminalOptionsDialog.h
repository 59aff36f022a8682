#pragma once

#include "lxd/ExecRequest.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;

// "New Terminal with Options…": the command to run (empty: the instance's login shell), the user and
// group ids, the working directory and extra environment variables. Bad input is named under the
// fields and the dialog stays open.
class TerminalOptionsDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit TerminalOptionsDialog(const QString &target, QWidget *parent = nullptr);
    ~TerminalOptionsDialog() override;

    // Fills the fields from a request (the settings of the terminal the dialog was opened from).
    void setRequest(const Lxd::ExecRequest &request);
    // What the fields ask for; only meaningful when validationError() is empty.
    Lxd::ExecRequest request() const;
    // Empty when the fields are valid; else what is wrong, for people.
    QString validationError() const;

    void accept() override;

private:
    QLineEdit *m_command;
    QLineEdit *m_user;
    QLineEdit *m_group;
    QLineEdit *m_workingDirectory;
    QPlainTextEdit *m_environment;
    QLabel *m_error;
};
