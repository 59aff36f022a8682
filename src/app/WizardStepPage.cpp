#include "WizardStepPage.h"

WizardStepPage::WizardStepPage(QWidget *parent)
    : QWizardPage(parent)
{ }

bool WizardStepPage::isComplete() const
{
    return m_complete ? m_complete() : QWizardPage::isComplete();
}

bool WizardStepPage::validatePage()
{
    return m_validate ? m_validate() : QWizardPage::validatePage();
}

int WizardStepPage::nextId() const
{
    return m_nextId ? m_nextId() : QWizardPage::nextId();
}
