#include "Icons.h"

#include "GlyphIconEngine.h"

#include <QApplication>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

#include <cmath>

namespace {

using Glyph = Icons::Glyph;

QColor ink()
{
    return QApplication::palette().color(QPalette::WindowText);
}

QColor backdrop()
{
    return QApplication::palette().color(QPalette::Base);
}

const QColor Green(0x2f, 0x9e, 0x44);
const QColor Red(0xe0, 0x31, 0x31);
const QColor Blue(0x1c, 0x7e, 0xd6);
const QColor Cyan(0x10, 0x98, 0xad);
const QColor Amber(0xf5, 0x9f, 0x00);
const QColor Orange(0xf7, 0x67, 0x07);
const QColor Grey(0x86, 0x8e, 0x96);

QPen line(const QColor &color, qreal width = 1.4)
{
    return QPen(color, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
}

void circularArrow(QPainter *p, const QColor &color, bool clockwise)
{
    p->setPen(line(color, 1.6));
    p->setBrush(Qt::NoBrush);
    const QRectF ring(3, 3, 10, 10);
    p->drawArc(ring, clockwise ? 100 * 16 : 80 * 16, clockwise ? 280 * 16 : -280 * 16);
    QPainterPath head;
    if (clockwise) {
        head.moveTo(8.6, 0.8);
        head.lineTo(11.4, 3.1);
        head.lineTo(8.4, 5.2);
    } else {
        head.moveTo(7.4, 0.8);
        head.lineTo(4.6, 3.1);
        head.lineTo(7.6, 5.2);
    }
    p->setBrush(color);
    p->setPen(line(color, 1.0));
    p->drawPath(head);
}

void serverBox(QPainter *p, const QRectF &box, const QColor &body, const QColor &led)
{
    p->setPen(line(body.darker(135), 0.8));
    p->setBrush(body);
    p->drawRoundedRect(box, 1.2, 1.2);
    p->setPen(Qt::NoPen);
    p->setBrush(led);
    p->drawEllipse(QPointF(box.left() + 2.0, box.center().y()), 0.9, 0.9);
    p->setPen(line(body.lighter(150), 0.9));
    p->drawLine(QPointF(box.left() + 4.2, box.center().y()), QPointF(box.right() - 1.6, box.center().y()));
}

void drawGlyph(QPainter *p, Glyph glyph)
{
    switch (glyph) {
    case Glyph::Remote: {
        const QColor body(0x5c, 0x6b, 0x7d);
        serverBox(p, QRectF(1.5, 2, 13, 5.2), body, QColor(0x7c, 0xe0, 0x8a));
        serverBox(p, QRectF(1.5, 8.8, 13, 5.2), body, QColor(0x7c, 0xe0, 0x8a));
        break;
    }
    case Glyph::Project: {
        const QColor folder(0xe8, 0xa9, 0x3a);
        QPainterPath back;
        back.moveTo(1.5, 3);
        back.lineTo(6, 3);
        back.lineTo(7.5, 4.6);
        back.lineTo(14.5, 4.6);
        back.lineTo(14.5, 13.5);
        back.lineTo(1.5, 13.5);
        back.closeSubpath();
        p->setPen(line(folder.darker(140), 0.8));
        p->setBrush(folder.darker(112));
        p->drawPath(back);
        p->setBrush(folder);
        p->drawRoundedRect(QRectF(1.5, 6, 13, 7.5), 0.8, 0.8);
        break;
    }
    case Glyph::Instances: {
        const QColor blue(0x3b, 0x7d, 0xd8);
        const QPointF top(8, 1.5), left(1.8, 4.8), right(14.2, 4.8), centre(8, 8.1), bottom(8, 14.7),
            bottomLeft(1.8, 11.4), bottomRight(14.2, 11.4);
        p->setPen(line(blue.darker(150), 0.8));
        p->setBrush(blue.lighter(135));
        p->drawPolygon(QPolygonF({top, right, centre, left}));
        p->setBrush(blue);
        p->drawPolygon(QPolygonF({left, centre, bottom, bottomLeft}));
        p->setBrush(blue.darker(125));
        p->drawPolygon(QPolygonF({centre, right, bottomRight, bottom}));
        break;
    }
    case Glyph::Images: {
        const QColor purple(0x8a, 0x5c, 0xc8);
        for (int layer = 2; layer >= 0; --layer) {
            const qreal y = 3.2 + layer * 3.4;
            const QColor fill = purple.lighter(100 + (2 - layer) * 18);
            p->setPen(line(purple.darker(150), 0.8));
            p->setBrush(fill);
            p->drawPolygon(QPolygonF(
                {QPointF(8, y - 2.4), QPointF(14.5, y + 0.8), QPointF(8, y + 4.0), QPointF(1.5, y + 0.8)}));
        }
        break;
    }
    case Glyph::Profiles: {
        const QColor teal(0x1d, 0x9a, 0x8a);
        p->setPen(line(teal.darker(140), 0.8));
        p->setBrush(teal);
        p->drawRoundedRect(QRectF(1.5, 3, 13, 10), 1.6, 1.6);
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(255, 255, 255, 235));
        p->drawEllipse(QPointF(5.2, 6.7), 1.6, 1.6);
        QPainterPath shoulders;
        shoulders.moveTo(2.6, 11.2);
        shoulders.cubicTo(2.8, 8.6, 7.6, 8.6, 7.8, 11.2);
        shoulders.closeSubpath();
        p->drawPath(shoulders);
        p->setPen(line(QColor(255, 255, 255, 235), 1.1));
        p->drawLine(QPointF(9.4, 6.3), QPointF(13, 6.3));
        p->drawLine(QPointF(9.4, 8.7), QPointF(12, 8.7));
        break;
    }
    case Glyph::Networks: {
        const QColor green(0x3a, 0x99, 0x4a);
        p->setPen(line(green.darker(120), 1.3));
        p->drawLine(QPointF(8, 4), QPointF(3.5, 12));
        p->drawLine(QPointF(8, 4), QPointF(12.5, 12));
        p->drawLine(QPointF(3.5, 12), QPointF(12.5, 12));
        p->setPen(line(green.darker(150), 0.8));
        p->setBrush(green);
        p->drawEllipse(QPointF(8, 4), 2.6, 2.6);
        p->drawEllipse(QPointF(3.5, 12), 2.6, 2.6);
        p->drawEllipse(QPointF(12.5, 12), 2.6, 2.6);
        break;
    }
    case Glyph::Storage: {
        const QColor slate(0x66, 0x78, 0x8a);
        p->setPen(line(slate.darker(150), 0.8));
        p->setBrush(slate);
        QPainterPath body;
        body.moveTo(2, 4);
        body.lineTo(2, 12);
        body.arcTo(QRectF(2, 10, 12, 4), 180, 180);
        body.lineTo(14, 4);
        body.closeSubpath();
        p->drawPath(body);
        p->setBrush(slate.lighter(140));
        p->drawEllipse(QRectF(2, 2, 12, 4));
        p->setPen(line(slate.lighter(135), 0.8));
        p->setBrush(Qt::NoBrush);
        p->drawArc(QRectF(2, 6, 12, 4), 180 * 16, 180 * 16);
        break;
    }
    case Glyph::Operations: {
        const QColor orange(0xe0, 0x7b, 0x24);
        p->setPen(line(orange.darker(140), 0.8));
        p->setBrush(orange);
        p->drawEllipse(QRectF(1.5, 1.5, 13, 13));
        p->setPen(line(Qt::white, 1.5));
        p->drawLine(QPointF(8, 8), QPointF(8, 4.2));
        p->drawLine(QPointF(8, 8), QPointF(11, 9.6));
        break;
    }
    case Glyph::Warnings: {
        const QColor yellow(0xf0, 0xb4, 0x29);
        QPainterPath triangle;
        triangle.moveTo(8, 1.6);
        triangle.lineTo(15, 14);
        triangle.lineTo(1, 14);
        triangle.closeSubpath();
        p->setPen(line(yellow.darker(150), 0.9));
        p->setBrush(yellow);
        p->drawPath(triangle);
        p->setPen(line(QColor(0x3a, 0x2e, 0x05), 1.6));
        p->drawLine(QPointF(8, 6), QPointF(8, 9.4));
        p->drawPoint(QPointF(8, 11.8));
        break;
    }
    case Glyph::ClusterMembers: {
        const QColor indigo(0x58, 0x65, 0xd6);
        serverBox(p, QRectF(1, 2, 6.5, 5), indigo, QColor(0xb4, 0xf0, 0xbe));
        serverBox(p, QRectF(8.5, 2, 6.5, 5), indigo, QColor(0xb4, 0xf0, 0xbe));
        serverBox(p, QRectF(4.75, 9, 6.5, 5), indigo, QColor(0xb4, 0xf0, 0xbe));
        break;
    }
    case Glyph::Start: {
        QPainterPath triangle;
        triangle.moveTo(4.5, 2.5);
        triangle.lineTo(13.5, 8);
        triangle.lineTo(4.5, 13.5);
        triangle.closeSubpath();
        p->setPen(line(Green.darker(130), 1.0));
        p->setBrush(Green);
        p->drawPath(triangle);
        break;
    }
    case Glyph::Stop:
        p->setPen(line(Red.darker(130), 1.0));
        p->setBrush(Red);
        p->drawRoundedRect(QRectF(3, 3, 10, 10), 1.5, 1.5);
        break;
    case Glyph::ForceStop: {
        QPolygonF octagon;
        for (int corner = 0; corner < 8; ++corner) {
            const qreal angle = (22.5 + 45.0 * corner) * M_PI / 180.0;
            octagon << QPointF(8 + 6.6 * std::cos(angle), 8 + 6.6 * std::sin(angle));
        }
        p->setPen(line(Red.darker(140), 0.9));
        p->setBrush(Red.darker(110));
        p->drawPolygon(octagon);
        p->setPen(line(Qt::white, 1.8));
        p->drawLine(QPointF(4.8, 8), QPointF(11.2, 8));
        break;
    }
    case Glyph::Restart:
        circularArrow(p, Blue, true);
        break;
    case Glyph::Freeze:
        p->setPen(line(Cyan.darker(130), 0.9));
        p->setBrush(Cyan);
        p->drawRoundedRect(QRectF(3.5, 2.5, 3.2, 11), 0.8, 0.8);
        p->drawRoundedRect(QRectF(9.3, 2.5, 3.2, 11), 0.8, 0.8);
        break;
    case Glyph::Unfreeze: {
        p->setPen(line(Cyan.darker(130), 0.9));
        p->setBrush(Cyan);
        p->drawRoundedRect(QRectF(2.5, 2.5, 2.8, 11), 0.8, 0.8);
        QPainterPath triangle;
        triangle.moveTo(7, 2.5);
        triangle.lineTo(14, 8);
        triangle.lineTo(7, 13.5);
        triangle.closeSubpath();
        p->drawPath(triangle);
        break;
    }
    case Glyph::Rename: {
        const QColor colour = ink();
        p->setPen(line(colour, 1.2));
        p->setBrush(Qt::NoBrush);
        QPainterPath pencil;
        pencil.moveTo(3, 13);
        pencil.lineTo(3.6, 10.2);
        pencil.lineTo(11, 2.8);
        pencil.lineTo(13.2, 5);
        pencil.lineTo(5.8, 12.4);
        pencil.closeSubpath();
        p->drawPath(pencil);
        p->drawLine(QPointF(9.4, 4.4), QPointF(11.6, 6.6));
        p->drawLine(QPointF(8, 14), QPointF(14, 14));
        break;
    }
    case Glyph::Delete: {
        const QColor colour(0xc9, 0x2a, 0x2a);
        p->setPen(line(colour, 1.3));
        p->setBrush(Qt::NoBrush);
        p->drawLine(QPointF(2.5, 4), QPointF(13.5, 4));
        p->drawLine(QPointF(6.2, 4), QPointF(6.6, 2.2));
        p->drawLine(QPointF(6.6, 2.2), QPointF(9.4, 2.2));
        p->drawLine(QPointF(9.4, 2.2), QPointF(9.8, 4));
        QPainterPath can;
        can.moveTo(3.8, 4.5);
        can.lineTo(4.8, 14);
        can.lineTo(11.2, 14);
        can.lineTo(12.2, 4.5);
        p->drawPath(can);
        p->drawLine(QPointF(6.7, 6.8), QPointF(6.9, 11.6));
        p->drawLine(QPointF(9.3, 6.8), QPointF(9.1, 11.6));
        break;
    }
    case Glyph::Snapshot: {
        const QColor colour = ink();
        p->setPen(line(colour, 1.2));
        p->setBrush(Qt::NoBrush);
        QPainterPath body;
        body.addRoundedRect(QRectF(1.5, 4.5, 13, 9), 1.5, 1.5);
        p->drawPath(body);
        p->drawLine(QPointF(5.5, 4.5), QPointF(6.5, 2.6));
        p->drawLine(QPointF(6.5, 2.6), QPointF(9.5, 2.6));
        p->drawLine(QPointF(9.5, 2.6), QPointF(10.5, 4.5));
        p->drawEllipse(QPointF(8, 9), 2.6, 2.6);
        break;
    }
    case Glyph::Restore:
        circularArrow(p, ink(), false);
        break;
    case Glyph::New:
        p->setPen(line(Green.darker(130), 0.9));
        p->setBrush(Green);
        p->drawEllipse(QRectF(1.5, 1.5, 13, 13));
        p->setPen(line(Qt::white, 1.8));
        p->drawLine(QPointF(8, 4.8), QPointF(8, 11.2));
        p->drawLine(QPointF(4.8, 8), QPointF(11.2, 8));
        break;
    case Glyph::Refresh:
        circularArrow(p, ink(), true);
        break;
    case Glyph::Search:
        p->setPen(line(ink(), 1.5));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QPointF(6.5, 6.5), 4.2, 4.2);
        p->drawLine(QPointF(9.7, 9.7), QPointF(14, 14));
        break;
    case Glyph::Terminal:
        p->setPen(line(ink(), 1.2));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(QRectF(1.5, 2.5, 13, 11), 1.5, 1.5);
        p->drawPolyline(QPolygonF({QPointF(4, 6), QPointF(6.5, 8), QPointF(4, 10)}));
        p->drawLine(QPointF(8, 10.5), QPointF(11.5, 10.5));
        break;
    case Glyph::Console:
        p->setPen(line(ink(), 1.2));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(QRectF(1.5, 2, 13, 9), 1.2, 1.2);
        p->drawLine(QPointF(8, 11), QPointF(8, 13.5));
        p->drawLine(QPointF(5, 14), QPointF(11, 14));
        break;
    case Glyph::Files: {
        p->setPen(line(ink(), 1.2));
        p->setBrush(Qt::NoBrush);
        QPainterPath page;
        page.moveTo(3.5, 1.5);
        page.lineTo(9.5, 1.5);
        page.lineTo(12.5, 4.5);
        page.lineTo(12.5, 14.5);
        page.lineTo(3.5, 14.5);
        page.closeSubpath();
        p->drawPath(page);
        p->drawPolyline(QPolygonF({QPointF(9.5, 1.5), QPointF(9.5, 4.5), QPointF(12.5, 4.5)}));
        break;
    }
    case Glyph::Logs:
        p->setPen(line(ink(), 1.2));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(QRectF(2.5, 1.5, 11, 13), 1.2, 1.2);
        for (qreal y : {5.0, 8.0, 11.0})
            p->drawLine(QPointF(5, y), QPointF(11, y));
        break;
    case Glyph::Info:
        p->setPen(line(ink(), 1.2));
        p->setBrush(Qt::NoBrush);
        p->drawEllipse(QRectF(1.5, 1.5, 13, 13));
        p->setPen(line(ink(), 1.6));
        p->drawLine(QPointF(8, 7.2), QPointF(8, 11.5));
        p->drawPoint(QPointF(8, 4.8));
        break;
    }
}

QString themeName(Glyph glyph)
{
    switch (glyph) {
    case Glyph::Start:
        return QStringLiteral("media-playback-start");
    case Glyph::Stop:
        return QStringLiteral("media-playback-stop");
    case Glyph::ForceStop:
        return QStringLiteral("process-stop");
    case Glyph::Restart:
        return QStringLiteral("system-reboot");
    case Glyph::Freeze:
        return QStringLiteral("media-playback-pause");
    case Glyph::Rename:
        return QStringLiteral("edit-rename");
    case Glyph::Delete:
        return QStringLiteral("edit-delete");
    case Glyph::Snapshot:
        return QStringLiteral("camera-photo");
    case Glyph::Restore:
        return QStringLiteral("document-revert");
    case Glyph::New:
        return QStringLiteral("document-new");
    case Glyph::Refresh:
        return QStringLiteral("view-refresh");
    case Glyph::Search:
        return QStringLiteral("edit-find");
    default:
        return {};
    }
}

} // namespace

QIcon Icons::glyph(Glyph glyph)
{
    return QIcon(new GlyphIconEngine([glyph](QPainter *painter, QIcon::Mode) { drawGlyph(painter, glyph); }));
}

QIcon Icons::icon(Glyph glyph)
{
    const QString name = themeName(glyph);
    // The desktop's own icons where the desktop names a theme; Berth's where it names none (Qt then
    // falls back to "hicolor", which has no action icons, and a mix would look worse than either).
    const QString theme = QIcon::themeName();
    if (!name.isEmpty() && !theme.isEmpty() && theme != QLatin1String("hicolor") && QIcon::hasThemeIcon(name))
        return QIcon::fromTheme(name);
    return Icons::glyph(glyph);
}

QIcon Icons::section(Models::NavigationTreeModel::Section section)
{
    using Section = Models::NavigationTreeModel::Section;
    switch (section) {
    case Section::Instances:
        return glyph(Glyph::Instances);
    case Section::Images:
        return glyph(Glyph::Images);
    case Section::Profiles:
        return glyph(Glyph::Profiles);
    case Section::Networks:
        return glyph(Glyph::Networks);
    case Section::Storage:
        return glyph(Glyph::Storage);
    case Section::Operations:
        return glyph(Glyph::Operations);
    case Section::Warnings:
        return glyph(Glyph::Warnings);
    case Section::ClusterMembers:
        return glyph(Glyph::ClusterMembers);
    }
    return {};
}

QColor Icons::stateColor(Models::Remote::State state)
{
    switch (state) {
    case Models::Remote::State::Connected:
        return Green;
    case Models::Remote::State::Connecting:
        return Amber;
    case Models::Remote::State::Reconnecting:
        return Orange;
    case Models::Remote::State::Failed:
        return Red;
    }
    return Grey;
}

QIcon Icons::remote(Models::Remote::State state)
{
    static QHash<int, QIcon> made;
    QIcon &icon = made[int(state)];
    if (icon.isNull()) {
        const QColor badge = stateColor(state);
        icon = QIcon(new GlyphIconEngine([badge](QPainter *painter, QIcon::Mode) {
            drawGlyph(painter, Glyph::Remote);
            painter->setPen(QPen(backdrop(), 1.2));
            painter->setBrush(badge);
            painter->drawEllipse(QPointF(12.2, 12.2), 3.3, 3.3);
        }));
    }
    return icon;
}

QColor Icons::statusColor(const QString &status)
{
    const QString lower = status.toLower();
    static const QHash<QString, QColor> colours {
        {QStringLiteral("running"), Green},   {QStringLiteral("online"), Green},
        {QStringLiteral("created"), Green},   {QStringLiteral("success"), Green},
        {QStringLiteral("stopped"), Grey},    {QStringLiteral("frozen"), Blue},
        {QStringLiteral("error"), Red},       {QStringLiteral("errored"), Red},
        {QStringLiteral("failure"), Red},     {QStringLiteral("offline"), Red},
        {QStringLiteral("unavailable"), Red}, {QStringLiteral("cancelled"), Grey},
        {QStringLiteral("new"), Amber},       {QStringLiteral("acknowledged"), Grey},
        {QStringLiteral("resolved"), Grey},   {QStringLiteral("evacuated"), Amber},
    };
    return colours.value(lower, Amber);
}

QIcon Icons::status(const QString &status)
{
    // Views ask for these for every visible row on every repaint: make each colour once.
    static QHash<QRgb, QIcon> made;
    const QColor colour = statusColor(status);
    QIcon &icon = made[colour.rgba()];
    if (icon.isNull()) {
        icon = QIcon(new GlyphIconEngine([colour](QPainter *painter, QIcon::Mode) {
            painter->setPen(QPen(colour.darker(125), 0.8));
            painter->setBrush(colour);
            painter->drawEllipse(QPointF(8, 8), 4.2, 4.2);
        }));
    }
    return icon;
}
