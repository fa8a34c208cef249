/* SPDX-License-Identifier: GPL-2.0-only */
/* Host shim: memcpy, memset, memcmp. */
#ifndef _TSM_WD_SHIM_LINUX_STRING_H
#define _TSM_WD_SHIM_LINUX_STRING_H

#include <string.h>

#endif
