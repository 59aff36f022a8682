#include "InstanceName.h"
#include "YamlConverter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

// LXD objects as YAML and back (what the editors' YAML tab and the wizard's last page rely on), and
// LXD's rules for instance names.
class TestYamlConverter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesWhatLxcConfigEditShows();
    void readsBackWhatItWrote_data();
    void readsBackWhatItWrote();
    void keepsConfigValuesStrings();
    void readsPlainScalarsAsYamlDoesOutsideConfig();
    void problemsPointAtTheLine_data();
    void problemsPointAtTheLine();
    void findsTheLineOfAKey();
    void instanceNames_data();
    void instanceNames();
};

namespace {

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

const QStringList InstanceOrder {QStringLiteral("architecture"), QStringLiteral("config"),
                                 QStringLiteral("devices"),      QStringLiteral("ephemeral"),
                                 QStringLiteral("profiles"),     QStringLiteral("stateful"),
                                 QStringLiteral("description")};

} // namespace

void TestYamlConverter::writesWhatLxcConfigEditShows()
{
    const QJsonObject instance = json(R"({"architecture": "x86_64", "description": "",
        "config": {"limits.cpu": "2", "volatile.idmap.base": "0", "security.nesting": "true",
                   "user.note": "hello world"},
        "devices": {"root": {"path": "/", "pool": "default", "type": "disk"}},
        "ephemeral": false, "profiles": ["default"], "stateful": false})");
    // As `lxc config edit` shows it: LXD's order, strings that would read as numbers or booleans quoted.
    const QString expected = QStringLiteral("architecture: x86_64\n"
                                            "config:\n"
                                            "  limits.cpu: \"2\"\n"
                                            "  security.nesting: \"true\"\n"
                                            "  user.note: hello world\n"
                                            "  volatile.idmap.base: \"0\"\n"
                                            "devices:\n"
                                            "  root:\n"
                                            "    path: /\n"
                                            "    pool: default\n"
                                            "    type: disk\n"
                                            "ephemeral: false\n"
                                            "profiles:\n"
                                            "  - default\n"
                                            "stateful: false\n"
                                            "description: \"\"\n");
    QCOMPARE(YamlConverter::toYaml(instance, InstanceOrder), expected);
}

void TestYamlConverter::readsBackWhatItWrote_data()
{
    QTest::addColumn<QJsonObject>("object");
    QTest::newRow("instance") << json(R"({"architecture": "x86_64", "config": {"limits.memory": "512MiB",
        "volatile.idmap.next": "[{\"Isuid\":true,\"Hostid\":100000}]", "boot.autostart": "false", "n": "007",
        "empty": "", "spaces": "  padded  ", "colon": "a: b", "hash": "a #b", "null": "null", "tilde": "~"},
        "devices": {}, "ephemeral": true, "profiles": [], "stateful": false, "description": "Ünïcødé — ok"})");
    QTest::newRow("cloud-init") << json(R"({"config": {"cloud-init.user-data":
        "#cloud-config\npackages:\n  - nginx\nruncmd:\n  - [sh, -c, \"echo hi\"]\n"}, "description": "x"})");
    QTest::newRow("multi-line with trailing spaces")
        << json(R"({"config": {"user.text": "first \n  second\n\nthird"}, "description": "a\nb"})");
    QTest::newRow("multi-line endings")
        << json(R"({"config": {"user.one": "a\nb\n", "user.two": "a\nb\n\n", "user.none": "a\nb"}})");
    QTest::newRow("network") << json(R"({"config": {"ipv4.address": "none", "ipv6.address": "none",
        "bridge.mtu": "1500"}, "description": "Berth's bridge"})");
    QTest::newRow("request") << json(R"({"name": "c1", "type": "container",
        "source": {"type": "image", "alias": "busybox"}, "profiles": ["default", "x"],
        "devices": {"eth0": {"type": "nic", "network": "lxdbr0", "name": "eth0"}}})");
}

void TestYamlConverter::readsBackWhatItWrote()
{
    QFETCH(QJsonObject, object);
    const QString yaml = YamlConverter::toYaml(object);
    YamlConverter::Problem problem;
    // With the object as the shape (the editors), and without it (the wizard's own request).
    QCOMPARE(YamlConverter::fromYaml(yaml, &problem, object), object);
    QVERIFY2(problem.isNull(), qPrintable(problem.text()));
    QCOMPARE(YamlConverter::fromYaml(yaml, &problem), object);
    QVERIFY2(problem.isNull(), qPrintable(problem.text()));
}

void TestYamlConverter::keepsConfigValuesStrings()
{
    // People write numbers and booleans plainly; LXD keeps every config and device value as a string.
    YamlConverter::Problem problem;
    const QJsonObject object = YamlConverter::fromYaml(QStringLiteral("config:\n"
                                                                      "  limits.cpu: 2\n"
                                                                      "  security.nesting: true\n"
                                                                      "  limits.cpu.allowance: 50%\n"
                                                                      "  user.empty:\n"
                                                                      "devices:\n"
                                                                      "  root:\n"
                                                                      "    size: 10\n"
                                                                      "    readonly: yes\n"),
                                                       &problem);
    QVERIFY(problem.isNull());
    QCOMPARE(object, json(R"({"config": {"limits.cpu": "2", "security.nesting": "true",
        "limits.cpu.allowance": "50%", "user.empty": ""}, "devices": {"root": {"size": "10", "readonly": "yes"}}})"));
}

void TestYamlConverter::readsPlainScalarsAsYamlDoesOutsideConfig()
{
    YamlConverter::Problem problem;
    QJsonObject object = YamlConverter::fromYaml(
        QStringLiteral("ephemeral: true\nstateful: false\ncount: 3\nname: \"true\"\nnothing: ~\n"), &problem);
    QVERIFY(problem.isNull());
    QCOMPARE(object,
             json(R"({"ephemeral": true, "stateful": false, "count": 3, "name": "true", "nothing": null})"));

    // Where the object being edited has a boolean, "yes" is a boolean too (as in LXD's yaml.v2)...
    const QJsonObject shape = json(R"({"ephemeral": false, "description": ""})");
    object = YamlConverter::fromYaml(QStringLiteral("ephemeral: yes\ndescription: 12\n"), &problem, shape);
    QVERIFY(problem.isNull());
    QCOMPARE(object, json(R"({"ephemeral": true, "description": "12"})"));
    // ...and anything else there is a mistake, at its line.
    object = YamlConverter::fromYaml(QStringLiteral("description: x\nephemeral: maybe\n"), &problem, shape);
    QVERIFY(object.isEmpty());
    QCOMPARE(problem.line, 2);
    QVERIFY2(problem.message.contains(QLatin1String("ephemeral")), qPrintable(problem.message));
}

void TestYamlConverter::problemsPointAtTheLine_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("says");
    QTest::newRow("unclosed flow list")
        << QStringLiteral("config:\n  a: b\nprofiles: [default\n") << 4 << QString();
    QTest::newRow("bad indentation") << QStringLiteral("config:\n  a: b\n c: d\n") << 3 << QString();
    QTest::newRow("tab") << QStringLiteral("config:\n\ta: b\n") << 2 << QString();
    QTest::newRow("duplicate key") << QStringLiteral("config:\n  a: b\n  a: c\n") << 3
                                   << QStringLiteral("twice");
    QTest::newRow("config as a list")
        << QStringLiteral("description: x\nconfig:\n  - a\n") << 3 << QStringLiteral("config");
    QTest::newRow("nested config value")
        << QStringLiteral("config:\n  limits.cpu:\n    a: b\n") << 3 << QStringLiteral("limits.cpu");
    QTest::newRow("not a mapping") << QStringLiteral("- a\n- b\n") << 1 << QStringLiteral("mapping");
    QTest::newRow("mapping inside a value")
        << QStringLiteral("description: a\nconfig: {}\nx: a: b\n") << 3 << QString();
}

void TestYamlConverter::problemsPointAtTheLine()
{
    QFETCH(QString, yaml);
    QFETCH(int, line);
    QFETCH(QString, says);
    YamlConverter::Problem problem;
    const QJsonObject object
        = YamlConverter::fromYaml(yaml, &problem, json(R"({"config": {}, "description": ""})"));
    QVERIFY(object.isEmpty());
    QVERIFY(!problem.isNull());
    if (line > 0)
        QCOMPARE(problem.line, line);
    else
        QVERIFY(problem.line > 0);
    QVERIFY(problem.column > 0);
    QVERIFY2(problem.text().startsWith(QStringLiteral("Line %1, column").arg(problem.line)),
             qPrintable(problem.text()));
    if (!says.isEmpty())
        QVERIFY2(problem.message.contains(says), qPrintable(problem.message));
}

void TestYamlConverter::findsTheLineOfAKey()
{
    const QString yaml = QStringLiteral("architecture: x86_64\n"
                                        "config:\n"
                                        "  limits.cpu: \"2\"\n"
                                        "  limits.memory: abc\n"
                                        "devices:\n"
                                        "  root:\n"
                                        "    size: 1GiB\n");
    QCOMPARE(YamlConverter::lineOf(yaml, {QStringLiteral("config"), QStringLiteral("limits.memory")}), 4);
    QCOMPARE(YamlConverter::lineOf(yaml, {QStringLiteral("devices"), QStringLiteral("root")}), 6);
    QCOMPARE(YamlConverter::lineOf(yaml, {QStringLiteral("config"), QStringLiteral("nope")}), 0);
    QCOMPARE(YamlConverter::lineOf(QStringLiteral("config: [\n"), {QStringLiteral("config")}), 0);
    // Finding a line does not change the text's meaning (yaml-cpp nodes are references).
    YamlConverter::Problem problem;
    QCOMPARE(YamlConverter::fromYaml(yaml, &problem).value(QLatin1String("config")).toObject().size(), 2);
}

void TestYamlConverter::instanceNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << QStringLiteral("web1") << true;
    QTest::newRow("hyphens") << QStringLiteral("editors-c1-b") << true;
    QTest::newRow("capitals") << QStringLiteral("Web") << true;
    QTest::newRow("63 characters") << QString(63, QLatin1Char('a')) << true;
    QTest::newRow("64 characters") << QString(64, QLatin1Char('a')) << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("leading digit") << QStringLiteral("1web") << false;
    QTest::newRow("leading hyphen") << QStringLiteral("-web") << false;
    QTest::newRow("trailing hyphen") << QStringLiteral("web-") << false;
    QTest::newRow("underscore") << QStringLiteral("bad_name") << false;
    QTest::newRow("dot") << QStringLiteral("a.b") << false;
    QTest::newRow("space") << QStringLiteral("a b") << false;
    QTest::newRow("non-ASCII letter") << QStringLiteral("café") << false;
}

void TestYamlConverter::instanceNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(InstanceName::isValid(name), valid);
    QCOMPARE(InstanceName::problem(name).isEmpty(), valid);
}

QTEST_GUILESS_MAIN(TestYamlConverter)
#include "tst_yamlconverter.moc"
