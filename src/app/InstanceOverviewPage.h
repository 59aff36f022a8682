#pragma once

#include <QJsonObject>
#include <QWidget>

#include <memory>

namespace Ui {
class InstanceOverviewPage;
}

// The Overview tab of an instance: status, type, image, addresses, profiles, location, dates, and
// the live usage LXD reports for a running instance.
class InstanceOverviewPage final : public QWidget
{
    Q_OBJECT

public:
    explicit InstanceOverviewPage(QWidget *parent = nullptr);
    ~InstanceOverviewPage() override;

    // `object` as GET /1.0/instances/<name> returns it, `state` as …/state does (empty when stopped).
    void setInstance(const QJsonObject &object, const QJsonObject &state);
    void clear();

private:
    std::unique_ptr<Ui::InstanceOverviewPage> m_ui;
};
