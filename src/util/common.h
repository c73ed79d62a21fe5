/*
 * common.h: included first in every translation unit (the build passes it with
 * -include). It pulls in the standard headers whose functions banned.h forbids, so
 * that their declarations are seen before the bans take effect, then the bans.
 */
#ifndef LANTERN_COMMON_H
#define LANTERN_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

#include "util/banned.h"

#endif
