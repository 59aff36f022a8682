#include "UnixHttpConnection.h"
