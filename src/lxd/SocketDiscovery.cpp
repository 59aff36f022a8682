#include "SocketDiscovery.h"
