#include "HttpsTransport.h"
