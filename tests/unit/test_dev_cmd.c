// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tests of the /dev/tsm_watchdog command parser
 * (drivers/virt/coco/tsm-watchdog/cmd.h, tcb_text.h): the commands of
 * Documentation/ABI/testing/dev-tsm_watchdog, how a write() is cut into
 * lines, and the fuzz target's regression corpus (CORPUS_DIR) replayed
 * through fuzz_dev_cmd.c.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parse a copy of @text (the parser splits it in place). */
static int parse(const char *text, struct tsm_wd_cmd *cmd)
{
	static char line[512];

	snprintf(line, sizeof(line), "%s", text);
	return tsm_wd_cmd_parse(line, cmd);
}

static void test_ack(void **state)
{
	static const uint8_t want[8] = { 0xd3, 0x15, 0, 0, 0, 0, 0, 0x04 };
	struct tsm_wd_cmd cmd;

	(void)state;
	assert_int_equal(parse("ack snp:d315000000000004", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_ACK);
	assert_string_equal(cmd.tcb.scheme, "snp");
	assert_int_equal(cmd.tcb.len, 8);
	assert_memory_equal(cmd.tcb.bytes, want, 8);
	/* blanks around and between words; hex in either case */
	assert_int_equal(parse(" \tack\t \tsnp:D315000000000004 ", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_ACK);
	assert_memory_equal(cmd.tcb.bytes, want, 8);
}

static void test_tcb_verbs(void **state)
{
	struct tsm_wd_cmd cmd;

	(void)state;
	assert_int_equal(parse("expect tdx:00ff", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_EXPECT);
	assert_string_equal(cmd.tcb.scheme, "tdx");
	assert_int_equal(cmd.tcb.len, 2);
	assert_int_equal(parse("unexpect a1:00", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_UNEXPECT);
	assert_int_equal(parse("unexpect all", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_UNEXPECT_ALL);
	assert_int_equal(parse("ack all", &cmd), -EINVAL);
	assert_int_equal(parse("expect all", &cmd), -EINVAL);
}

static void test_words(void **state)
{
	struct tsm_wd_cmd cmd;

	(void)state;
	assert_int_equal(parse("reject", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_REJECT);
	assert_int_equal(parse("disarm ", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_DISARM);
	assert_int_equal(parse("", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_BLANK);
	assert_int_equal(parse(" \t  ", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_BLANK);
	assert_int_equal(parse("reject now", &cmd), -EINVAL);
	assert_int_equal(parse("Reject", &cmd), -EINVAL);
}

static void test_set(void **state)
{
	struct tsm_wd_cmd cmd;

	(void)state;
	assert_int_equal(parse("set timeout 30", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_SET_TIMEOUT);
	assert_int_equal(cmd.num, 30);
	assert_int_equal(parse("set grace 4294967295", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_SET_GRACE);
	assert_int_equal(cmd.num, 4294967295u);
	assert_int_equal(parse("set poll_ms 050", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_SET_POLL_MS);
	assert_int_equal(cmd.num, 50);
	assert_int_equal(parse("set mode strict", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_SET_MODE);
	assert_string_equal(cmd.name, "strict");
	/* names are checked by dev.c against the driver's tables */
	assert_int_equal(parse("set action explode", &cmd), 0);
	assert_int_equal(cmd.op, TSM_WD_CMD_SET_ACTION);
	assert_string_equal(cmd.name, "explode");
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"ack", "ack ", "ack snp:", "ack snp", "ack :d315000000000004",
		"ack snp:d31500000000000", "ack snp:xyz5000000000004",
		"ack snp:d315 000000000004", "ack SNP:d315000000000004",
		"ack sn-p:d315000000000004", "ack sn\xe9:d315000000000004",
		"ack abcdefghijklmnop:d315000000000004",
		"ack snp:" "0000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000000"
		"000000000000000000", /* 65 bytes */
		"ack snp:d315000000000004 extra", "bogus", "ACK snp:00",
		"expect", "expect snp:zz", "unexpect", "unexpect snp:",
		"set", "set timeout", "set timeout abc", "set timeout -1",
		"set timeout 4294967296", "set timeout 0x10", "set timeout 1 2",
		"set colour blue", "set mode", "SET mode strict",
	};
	struct tsm_wd_cmd cmd;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int err = parse(bad[i], &cmd);

		if (err != -EINVAL)
			fail_msg("'%s': %d, expected -EINVAL", bad[i], err);
	}
}

static void test_longest(void **state)
{
	char text[300];
	struct tsm_wd_cmd cmd;
	int n;

	(void)state;
	/* 64 bytes, a 15-letter scheme: the longest TCB */
	n = snprintf(text, sizeof(text), "ack abcdefghijklmno:");
	memset(text + n, 'f', 128);
	text[n + 128] = '\0';
	assert_int_equal(parse(text, &cmd), 0);
	assert_int_equal(cmd.tcb.len, 64);
	assert_string_equal(cmd.tcb.scheme, "abcdefghijklmno");
}

static void test_next_lines(void **state)
{
	char buf[] = "ack snp:00\n\nreject";
	struct tsm_wd_cmd cmd;

	(void)state;
	assert_int_equal(tsm_wd_cmd_next(buf, 18, &cmd), 11);
	assert_int_equal(cmd.op, TSM_WD_CMD_ACK);
	assert_int_equal(tsm_wd_cmd_next(buf + 11, 7, &cmd), 1);
	assert_int_equal(cmd.op, TSM_WD_CMD_BLANK);
	/* the last line may omit its newline */
	assert_int_equal(tsm_wd_cmd_next(buf + 12, 6, &cmd), 6);
	assert_int_equal(cmd.op, TSM_WD_CMD_REJECT);
}

static void test_next_limits(void **state)
{
	char buf[TSM_WATCHDOG_CMD_MAX + 3];
	struct tsm_wd_cmd cmd;

	(void)state;
	/* a line of 256 blanks is fine, 257 is too long */
	memset(buf, ' ', sizeof(buf));
	buf[TSM_WATCHDOG_CMD_MAX] = '\n';
	buf[TSM_WATCHDOG_CMD_MAX + 1] = '\0';
	assert_int_equal(tsm_wd_cmd_next(buf, TSM_WATCHDOG_CMD_MAX + 1, &cmd),
			 TSM_WATCHDOG_CMD_MAX + 1);
	memset(buf, ' ', sizeof(buf));
	buf[TSM_WATCHDOG_CMD_MAX + 1] = '\n';
	buf[TSM_WATCHDOG_CMD_MAX + 2] = '\0';
	assert_int_equal(tsm_wd_cmd_next(buf, TSM_WATCHDOG_CMD_MAX + 2, &cmd),
			 -EINVAL);
	/* a NUL byte inside a line */
	memcpy(buf, "reject\0\n", 9);
	assert_int_equal(tsm_wd_cmd_next(buf, 8, &cmd), -EINVAL);
	/* a NUL after the newline belongs to the next line */
	memcpy(buf, "reject\n\0", 9);
	assert_int_equal(tsm_wd_cmd_next(buf, 8, &cmd), 7);
	assert_int_equal(tsm_wd_cmd_next(buf + 7, 1, &cmd), -EINVAL);
}

static int corpus_one(const char *path)
{
	static uint8_t data[1 << 16];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return -1;
	n = fread(data, 1, sizeof(data), f);
	fclose(f);
	LLVMFuzzerTestOneInput(data, n);
	return 0;
}

/* Every input of the regression corpus, through the fuzz target. */
static void test_regression_corpus(void **state)
{
	DIR *dir = opendir(CORPUS_DIR);
	struct dirent *de;
	char path[4096];
	int n = 0;

	(void)state;
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", CORPUS_DIR, de->d_name);
		assert_int_equal(corpus_one(path), 0);
		n++;
	}
	closedir(dir);
	print_message("%d corpus inputs\n", n);
	assert_true(n > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ack),
		cmocka_unit_test(test_tcb_verbs),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_longest),
		cmocka_unit_test(test_next_lines),
		cmocka_unit_test(test_next_limits),
		cmocka_unit_test(test_regression_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
