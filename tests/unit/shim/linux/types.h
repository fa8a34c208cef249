/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host shim: the kernel integer types the pure kernel headers use
 * (snp_report.h, tdx_report.h, include/linux/tsm-watchdog.h).
 */
#ifndef _TSM_WD_SHIM_LINUX_TYPES_H
#define _TSM_WD_SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int64_t s64;

#endif
