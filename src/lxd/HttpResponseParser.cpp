#include "HttpResponseParser.h"
