#include "ApiJob.h"
