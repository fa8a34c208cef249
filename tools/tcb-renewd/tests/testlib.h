/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by tcb-renewd's cmocka tests: temporary directories,
 * small files, and the fake configfs-tsm provider (fake_tsm.c).
 */
#ifndef RD_TESTLIB_H
#define RD_TESTLIB_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdbool.h>
#include <cmocka.h>

/* Temporary directory (mkdtemp) in @buf; removed with rm -rf by tl_rmtree. */
void tl_tmpdir(char *buf, size_t len);
void tl_rmtree(const char *dir);
/*
 * cmocka fixtures: a fresh temporary directory in tl_dir before each test,
 * removed after it.
 */
extern char tl_dir[4096];
int tl_setup_tmpdir(void **state);
int tl_teardown_tmpdir(void **state);
/* Write @text to DIR/NAME (printf-style name), return the path in @path. */
void tl_write(const char *dir, const char *name, const char *text,
	      char *path, size_t len);
/* Read a whole small file into @buf (NUL-terminated); -1 if absent. */
int tl_read(const char *path, char *buf, size_t len);
/* An executable shell script DIR/NAME with @body after "#!/bin/sh\n". */
void tl_script(const char *dir, const char *name, const char *body,
	       char *path, size_t len);

/*
 * Fake configfs-tsm: libtsm's mkdir/open/rmdir calls under the fake root
 * are wrapped (-Wl,--wrap) to behave like configfs-tsm with the
 * tsm_wd_sim provider: mkdir populates the item, a write of inblob bumps
 * generation, opening outblob generates an SEV-SNP v3 report (libtsm's
 * test fixture) with CURRENT_TCB = the fake TCB and REPORT_DATA = inblob,
 * rmdir removes the attributes first.
 */
void fake_tsm_start(const char *root);
void fake_tsm_stop(void);
void fake_tsm_set_tcb(uint64_t tcb);
/* COMMITTED_TCB of the next reports (0: equal to CURRENT_TCB, the default;
 * else a provisional firmware update the host has not committed). */
void fake_tsm_set_committed(uint64_t tcb);
/* Report generation fails with this errno (0: works). */
void fake_tsm_set_errno(int err);
/* REPORT_DATA does not carry the nonce (a replayed report). */
void fake_tsm_set_stale_nonce(bool stale);
/* The next @n reports see a racing writer (generation bumped). */
void fake_tsm_set_races(unsigned int n);
unsigned int fake_tsm_reports(void);
/* Reading outblob blocks this long first (a throttled sev-guest). */
void fake_tsm_set_delay_ms(unsigned int ms);
/* Items still present under the root (must be 0 after every request). */
int fake_tsm_items_left(void);

/*
 * TDX: reports become TDX quotes (provider tdx_guest) whose TEE_TCB_SVN[0]
 * is XORed with @quote_lie (a host lying in the quote), and ioctl() on
 * @dev_path answers TDX_CMD_GET_REPORT0 with a TDREPORT (libtsm fixture)
 * whose TEE_TCB_SVN2[0] and CPUSVN[0] come from fake_tdx_set().
 */
void fake_tdx_start(const char *dev_path, uint8_t quote_lie);
void fake_tdx_set(uint8_t svn2_0, uint8_t cpusvn_0);
/* The TDREPORT the fake device would answer (1024 bytes). */
void fake_tdreport(uint8_t *b, const uint8_t *reportdata);

/* fsync() of any directory fails with @err (0: works again). */
void fake_set_fsync_dir_errno(int err);

#endif
