#include "NetworkHttpReply.h"
