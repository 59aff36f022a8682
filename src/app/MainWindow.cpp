#include "MainWindow.h"

#include "lxd/EventStream.h"
#include "lxd/SocketDiscovery.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QSplitter>
#include <QStatusBar>
#include <QTreeWidget>

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_remotesTree(new QTreeWidget(this))
    , m_instancesTree(new QTreeWidget(this))
    , m_connectionLabel(new QLabel(this))
{
    setWindowTitle(tr("Berth"));
    resize(1100, 650);

    m_remotesTree->setHeaderLabel(tr("Remotes"));
    m_remotesTree->setAccessibleName(tr("Remotes"));
    m_instancesTree->setHeaderLabels({tr("Name"), tr("Status"), tr("Type"), tr("Image"), tr("Created")});
    m_instancesTree->setAccessibleName(tr("Instances"));
    m_instancesTree->setRootIsDecorated(false);
    m_instancesTree->setSortingEnabled(true);
    m_instancesTree->sortByColumn(0, Qt::AscendingOrder);
    m_instancesTree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_remotesTree);
    splitter->addWidget(m_instancesTree);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({250, 850});
    setCentralWidget(splitter);
    statusBar()->addPermanentWidget(m_connectionLabel);

    connectToLocalRemote();
}

void MainWindow::connectToLocalRemote()
{
    const QString socket = Lxd::SocketDiscovery::defaultSocket();
    if (socket.isEmpty()) {
        showConnectionState(tr("No local LXD or Incus socket found"));
        return;
    }
    m_client = Lxd::Client::overUnixSocket(socket);
    m_remoteItem = new QTreeWidgetItem(m_remotesTree, {tr("local")});
    m_remoteItem->setToolTip(0, m_client.endpoint());
    showConnectionState(tr("Connecting to %1…").arg(m_client.endpoint()));

    Lxd::EventStream *events = m_client.events();
    connect(events, &Lxd::EventStream::connected, this, [this] {
        showConnectionState(tr("local: connected"));
        loadInstances();
    });
    connect(events, &Lxd::EventStream::disconnected, this, [this](const Lxd::Error &error) {
        showConnectionState(tr("local: reconnecting (%1)").arg(error.userMessage()));
    });
    connect(events, &Lxd::EventStream::eventReceived, this, [this](const Lxd::Event &event) {
        if (event.isLifecycle() && event.action().startsWith(QLatin1String("instance-")))
            loadInstances();
    });
    loadServer();
}

void MainWindow::loadServer()
{
    Lxd::ApiJob *job = m_client.getServer();
    connect(job, &Lxd::Job::finished, this, [this](Lxd::Job *done) {
        if (done->error()) {
            showConnectionState(tr("local: %1").arg(done->error().userMessage()));
            return;
        }
        const QJsonObject environment
            = m_client.connection()->server().value(QLatin1String("environment")).toObject();
        m_remoteItem->setText(0,
                              tr("local (%1 %2)")
                                  .arg(environment.value(QLatin1String("server")).toString(),
                                       environment.value(QLatin1String("server_version")).toString()));
    });
}

void MainWindow::loadInstances()
{
    Lxd::ApiJob *job
        = m_client.api(QByteArrayLiteral("GET"), QStringLiteral("/instances?recursion=1&all-projects=true"));
    connect(job, &Lxd::Job::finished, this, [this](Lxd::Job *done) {
        if (done->error()) {
            showConnectionState(tr("local: %1").arg(done->error().userMessage()));
            return;
        }
        m_instancesTree->clear();
        const QJsonArray instances = static_cast<Lxd::ApiJob *>(done)->metadata().toArray();
        for (const QJsonValue &value : instances) {
            const QJsonObject instance = value.toObject();
            const QJsonObject config = instance.value(QLatin1String("config")).toObject();
            new QTreeWidgetItem(m_instancesTree,
                                {instance.value(QLatin1String("name")).toString(),
                                 instance.value(QLatin1String("status")).toString(),
                                 instance.value(QLatin1String("type")).toString(),
                                 config.value(QLatin1String("image.description")).toString(),
                                 instance.value(QLatin1String("created_at")).toString()});
        }
    });
}

void MainWindow::showConnectionState(const QString &text)
{
    m_connectionLabel->setText(text);
}
