// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the kernel's /dev/tsm_watchdog command parser
 * (drivers/virt/coco/tsm-watchdog/cmd.h and tcb_text.h, the same code the
 * module runs), fed one write() at a time as dev.c feeds it: cut into
 * lines, each parsed, until the first error.
 *
 * Besides the sanitizers, it checks what the driver relies on: each line
 * takes 1 to TSM_WATCHDOG_CMD_MAX + 1 bytes and stays inside the write; a
 * parsed TCB has a [a-z0-9]{1,15} scheme and 1 to 64 bytes, and its text
 * form parses back to the same value; a "set" value is one word.
 *
 * test_dev_cmd.c runs the same function over tests/unit/corpus/dev_cmd/,
 * the regression corpus (every input that once crashed or broke a rule
 * goes there, named for what it was).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

static void check_tcb(const struct tsm_wd_tcb *tcb)
{
	char text[TSM_WD_TCB_TEXT_MAX];
	struct tsm_wd_tcb back;
	size_t slen = strnlen(tcb->scheme, sizeof(tcb->scheme));
	int n, i;

	CHECK(slen >= 1 && slen <= TSM_WD_SCHEME_MAX);
	for (size_t k = 0; k < slen; k++)
		CHECK((tcb->scheme[k] >= 'a' && tcb->scheme[k] <= 'z') ||
		      (tcb->scheme[k] >= '0' && tcb->scheme[k] <= '9'));
	CHECK(tcb->len >= 1 && tcb->len <= TSM_WD_TCB_MAX);

	n = snprintf(text, sizeof(text), "%s:", tcb->scheme);
	for (i = 0; i < tcb->len; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "%02x",
			      tcb->bytes[i]);
	CHECK((size_t)n < sizeof(text));
	CHECK(tsm_wd_tcb_text_parse(text, &back) == 0);
	CHECK(back.len == tcb->len);
	CHECK(!strcmp(back.scheme, tcb->scheme));
	CHECK(!memcmp(back.bytes, tcb->bytes, tcb->len));
}

static void check_cmd(const struct tsm_wd_cmd *cmd, const char *line,
		      size_t len)
{
	CHECK(cmd->op >= TSM_WD_CMD_BLANK && cmd->op < TSM_WD_NR_CMDS);
	switch (cmd->op) {
	case TSM_WD_CMD_ACK:
	case TSM_WD_CMD_EXPECT:
	case TSM_WD_CMD_UNEXPECT:
		check_tcb(&cmd->tcb);
		break;
	case TSM_WD_CMD_SET_MODE:
	case TSM_WD_CMD_SET_ACTION:
		CHECK(cmd->name >= line && cmd->name < line + len);
		CHECK(*cmd->name && !strpbrk(cmd->name, " \t\n"));
		break;
	default:
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t done = 0;
	char *buf;

	/* dev.c refuses longer writes before parsing anything */
	if (size > TSM_WATCHDOG_WRITE_MAX)
		return 0;
	buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	while (done < size) {
		struct tsm_wd_cmd cmd;
		char *line = buf + done;
		int n = tsm_wd_cmd_next(line, size - done, &cmd);

		if (n < 0) {
			CHECK(n == -EINVAL);
			break;
		}
		CHECK(n >= 1 && (size_t)n <= size - done);
		CHECK(n <= TSM_WATCHDOG_CMD_MAX + 1);
		check_cmd(&cmd, line, (size_t)n);
		done += (size_t)n;
	}
	free(buf);
	return 0;
}
