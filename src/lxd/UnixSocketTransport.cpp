#include "UnixSocketTransport.h"
