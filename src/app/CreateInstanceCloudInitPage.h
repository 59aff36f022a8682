#pragma once

#include "CreateInstancePage.h"

class QLabel;
class QPlainTextEdit;

// cloud-init user data for images that run cloud-init: a #cloud-config document (checked as YAML, the
// problem pointing at its line) or a script.
class CreateInstanceCloudInitPage final : public CreateInstancePage
{
    Q_OBJECT

public:
    explicit CreateInstanceCloudInitPage(QWidget *parent = nullptr);

    void addTo(QJsonObject &body) const override;
    bool isComplete() const override;

    QPlainTextEdit *userDataEdit() const { return m_userData; }
    QLabel *problemLabel() const { return m_problem; }

private:
    void check();

    QPlainTextEdit *m_userData;
    QLabel *m_problem;
    bool m_valid = true;
};
