#pragma once

#include <QWizardPage>

#include <functional>

// A wizard page whose decisions belong to the wizard that owns it: whether it is complete, what comes
// next, and whether leaving it is allowed (which may start asynchronous work: the hook returns false, and
// the wizard calls next() again once the work is done). So a wizard keeps its state and logic in one class.
class WizardStepPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardStepPage(QWidget *parent = nullptr);

    void setCompleteHook(std::function<bool()> hook) { m_complete = std::move(hook); }
    void setValidateHook(std::function<bool()> hook) { m_validate = std::move(hook); }
    void setNextIdHook(std::function<int()> hook) { m_nextId = std::move(hook); }
    // Asks the wizard to read isComplete() (and the final-page state) again.
    void updateButtons() { Q_EMIT completeChanged(); }

    bool isComplete() const override;
    bool validatePage() override;
    int nextId() const override;

private:
    std::function<bool()> m_complete;
    std::function<bool()> m_validate;
    std::function<int()> m_nextId;
};
