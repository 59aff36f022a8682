#pragma once

#include "CreateInstancePage.h"
#include "YamlConverter.h"

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

// The last page: the whole request as YAML, editable (what is written here is what is sent, even over
// the other pages), whether to start the instance, and the progress of the image copy and the creation.
class CreateInstanceReviewPage final : public CreateInstancePage
{
    Q_OBJECT

public:
    explicit CreateInstanceReviewPage(QWidget *parent = nullptr);

    void addTo(QJsonObject &body) const override;

    // The request as the other pages make it; shown unless the user edited the YAML.
    void setGenerated(const QJsonObject &body, const QString &summary);
    bool isEdited() const { return m_edited; }
    // The request to send, read from the YAML; empty with `problem` filled when it does not parse.
    QJsonObject request(YamlConverter::Problem *problem) const;
    void showYamlProblem(const YamlConverter::Problem &problem);
    bool startAfterCreate() const;

    void setBusy(bool busy);
    // `percent` -1: under way, amount unknown.
    void setProgress(const QString &text, int percent = -1);

    QPlainTextEdit *yamlEdit() const { return m_yaml; }
    QLabel *summaryLabel() const { return m_summary; }
    QLabel *yamlProblemLabel() const { return m_problem; }
    QCheckBox *startCheckBox() const { return m_start; }
    QPushButton *rebuildButton() const { return m_rebuild; }
    QProgressBar *progressBar() const { return m_progressBar; }
    QLabel *progressLabel() const { return m_progressLabel; }

private:
    void onYamlEdited();
    void rebuild();

    QLabel *m_summary;
    QPlainTextEdit *m_yaml;
    QLabel *m_problem;
    QPushButton *m_rebuild;
    QCheckBox *m_start;
    QProgressBar *m_progressBar;
    QLabel *m_progressLabel;
    QJsonObject m_generated;
    bool m_edited = false;
    bool m_settingText = false;
};
