#include "WebSocketFrameCodec.h"
