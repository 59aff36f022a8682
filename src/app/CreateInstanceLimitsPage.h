#pragma once

#include "CreateInstancePage.h"

class QLineEdit;
class KeyValueTable;

// Limits and the rest of the configuration: CPU and memory, any other config key, and devices of the
// instance's own (one row per device key: device, key, value).
class CreateInstanceLimitsPage final : public CreateInstancePage
{
    Q_OBJECT

public:
    explicit CreateInstanceLimitsPage(QWidget *parent = nullptr);

    void addTo(QJsonObject &body) const override;

    QLineEdit *cpuEdit() const { return m_cpu; }
    QLineEdit *memoryEdit() const { return m_memory; }
    KeyValueTable *configTable() const { return m_config; }
    KeyValueTable *deviceTable() const { return m_devices; }

private:
    QLineEdit *m_cpu;
    QLineEdit *m_memory;
    KeyValueTable *m_config;
    KeyValueTable *m_devices;
};
