#include "OperationJob.h"
