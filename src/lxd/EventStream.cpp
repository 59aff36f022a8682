#include "EventStream.h"
