#pragma once

#include <QJsonObject>
#include <QWizardPage>

class QLabel;
class QVBoxLayout;

// A page of the create wizard: it adds its part to the request (LXD's InstancesPost body), and shows the
// errors it caused when the daemon refuses the request.
class CreateInstancePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit CreateInstancePage(QWidget *parent = nullptr);

    // Adds this page's fields to `body`.
    virtual void addTo(QJsonObject &body) const = 0;

    void showError(const QString &text);
    void clearError();
    QString errorText() const;
    QLabel *errorLabel() const { return m_error; }

protected:
    // Puts the error line at the bottom of the page's layout; subclasses call it last.
    void addErrorLabel(QVBoxLayout *layout);

private:
    QLabel *m_error;
};
