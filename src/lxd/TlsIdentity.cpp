#include "TlsIdentity.h"
