#include "Response.h"
