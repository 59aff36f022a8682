#include "LocalWebSocketChannel.h"
