#pragma once

#include <QString>

// Light and dark appearance. By default Berth follows the system (the platform's own style and
// palette); a user may pick light or dark instead, both drawn with the Fusion style.
class Theme final
{
public:
    enum class Mode { System, Light, Dark };

    // Remembers the platform's style and palette; call once, after QApplication exists.
    static void initialize();
    static void apply(Mode mode);
    static Mode mode();
    // Whether what is shown now is dark (for icons and colours drawn by Berth).
    static bool isDark();

    // "system", "light", "dark": how the choice is kept in the settings.
    static QString key(Mode mode);
    static Mode fromKey(const QString &key);
};
