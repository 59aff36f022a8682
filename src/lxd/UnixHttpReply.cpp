#include "UnixHttpReply.h"
