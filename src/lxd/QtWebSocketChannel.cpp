#include "QtWebSocketChannel.h"
