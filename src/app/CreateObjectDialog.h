#pragma once

#include <QDialog>
#include <QHash>
#include <QMap>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

// The dialog that creates a profile, a network, a storage pool or a volume: a form of the few fields
// that kind needs, an optional list of other configuration keys ("key=value", one a line), and an
// error line. Submitting does not close it: the caller sends the request and either closes the dialog
// (done) or shows the server's refusal on it (showError), so nothing typed is lost.
class CreateObjectDialog final : public QDialog
{
    Q_OBJECT

public:
    struct Field
    {
        QString key; // "name", "ipv4.address"…; the line edit is named "<key>Field"
        QString label;
        QString value; // initial
        QString placeholder;
        QString toolTip;
        QStringList choices; // non-empty: an editable combo box of these
        bool required = false;
    };

    CreateObjectDialog(QWidget *parent, const QString &title, const QString &intro,
                       const QList<Field> &fields, bool otherConfig = true);

    QString value(const QString &key) const;
    void setValue(const QString &key, const QString &value);
    // The "other configuration" lines as a map; false (and `error` naming the line) when one is not
    // "key=value".
    bool otherConfig(QMap<QString, QString> *config, QString *error) const;
    void setOtherConfigText(const QString &text);
    QString errorText() const;

    void showError(const QString &text);
    // "Create" by default.
    void setAcceptText(const QString &text);
    void setBusy(bool busy);

    // Checks the form, then emits submitted() (the dialog stays open).
    void accept() override;

Q_SIGNALS:
    void submitted();

private:
    QHash<QString, QLineEdit *> m_lines;
    QHash<QString, QComboBox *> m_combos;
    QList<Field> m_fields;
    QPlainTextEdit *m_otherConfig = nullptr;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};
