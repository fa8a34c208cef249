// SPDX-License-Identifier: GPL-2.0-only
/*
 * Device protocol: command formatting, event line parsing, reading event
 * lines from a socketpair standing in for /dev/tsm_watchdog, and errno
 * values of writes passed back.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "renewd.h"
#include "testlib.h"

static void test_cmd_format(void **state)
{
	char buf[RD_CMD_MAX + 1];
	struct tsm_tcb t, bad = { .scheme = "SNP", .len = 1 };

	(void)state;
	tsm_tcb_parse("snp:d315000000000004", &t);
	assert_int_equal(rd_cmd_format(RD_CMD_ACK, &t, buf, sizeof(buf)), 25);
	assert_string_equal(buf, "ack snp:d315000000000004\n");
	rd_cmd_format(RD_CMD_EXPECT, &t, buf, sizeof(buf));
	assert_string_equal(buf, "expect snp:d315000000000004\n");
	rd_cmd_format(RD_CMD_UNEXPECT, &t, buf, sizeof(buf));
	assert_string_equal(buf, "unexpect snp:d315000000000004\n");
	rd_cmd_format(RD_CMD_UNEXPECT_ALL, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "unexpect all\n");
	rd_cmd_format(RD_CMD_REJECT, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "reject\n");
	tsm_tcb_parse("tdx:0102030405060708090a0b0c0d0e0f100102030405060708090a0b0c0d0e0f10", &t);
	rd_cmd_format(RD_CMD_ACK, &t, buf, sizeof(buf));
	assert_string_equal(buf, "ack tdx:0102030405060708090a0b0c0d0e0f100102030405060708090a0b0c0d0e0f10\n");
	assert_int_equal(rd_cmd_format(RD_CMD_ACK, NULL, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(rd_cmd_format(RD_CMD_ACK, &bad, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(rd_cmd_format(RD_CMD_ACK, &t, buf, 10), -ENOSPC);
	assert_int_equal(rd_cmd_format((enum rd_cmd)99, &t, buf, sizeof(buf)), -EINVAL);
}

static void test_event_parse(void **state)
{
	struct rd_event ev;
	char t[TSM_TCB_TEXT_MAX];
	static const char *const bad[] = {
		"", "\n", "changed", "x 1 changed", "12", "12 ", "-1 armed",
		"12\tarmed", "1 overflow", "1 overflow x", "1 overflow 3x",
		"99999999999999999999999 armed",
	};

	(void)state;
	assert_int_equal(rd_event_parse("7 changed snp:d316000000000004\n", 31, &ev), 0);
	assert_int_equal(ev.seq, 7);
	assert_int_equal(ev.type, RD_EV_CHANGED);
	assert_true(ev.has_tcb);
	tsm_tcb_format(&ev.tcb, t, sizeof(t));
	assert_string_equal(t, "snp:d316000000000004");

	assert_int_equal(rd_event_parse("8 expired", 9, &ev), 0);
	assert_int_equal(ev.type, RD_EV_EXPIRED);
	assert_false(ev.has_tcb);
	assert_string_equal(ev.arg, "");

	assert_int_equal(rd_event_parse("300 overflow 42\n", 16, &ev), 0);
	assert_int_equal(ev.type, RD_EV_OVERFLOW);
	assert_int_equal(ev.count, 42);

	assert_int_equal(rd_event_parse("9 source-error -5", 17, &ev), 0);
	assert_int_equal(ev.type, RD_EV_SOURCE_ERROR);
	assert_false(ev.has_tcb);
	assert_string_equal(ev.arg, "-5");

	assert_int_equal(rd_event_parse("11 resumed 2500\n", 16, &ev), 0);
	assert_int_equal(ev.type, RD_EV_RESUMED);
	assert_false(ev.has_tcb);
	assert_string_equal(ev.arg, "2500");

	assert_int_equal(rd_event_parse("10 brand-new-event", 18, &ev), 0);
	assert_int_equal(ev.type, RD_EV_UNKNOWN);
	assert_string_equal(ev.name, "brand-new-event");

	const char *names[] = { "armed", "acked", "changed", "renewed", "rollback",
				"pretimeout", "expired", "fired", "disarmed",
				"source-error", "reverted", "source-lost",
				"source-gone", "resumed" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char line[64];
		int n = snprintf(line, sizeof(line), "%zu %s\n", i, names[i]);

		assert_int_equal(rd_event_parse(line, (size_t)n, &ev), 0);
		assert_string_equal(rd_event_type_name(ev.type), names[i]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(rd_event_parse(bad[i], strlen(bad[i]), &ev), -EINVAL);
}

struct seen {
	int n;
	struct rd_event ev[16];
	char line[16][600];
};

static void collect(void *data, const struct rd_event *ev, const char *line)
{
	struct seen *s = data;

	if (s->n < 16) {
		s->ev[s->n] = *ev;
		snprintf(s->line[s->n], sizeof(s->line[0]), "%s", line);
	}
	s->n++;
}

static void test_read_events(void **state)
{
	struct rd_dev *dev;
	struct seen s = { 0 };
	char big[2000];
	int sv[2];

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(rd_dev_new_fd(sv[0], &dev), 0);
	/* nothing pending: 0 events, no error (EAGAIN) */
	assert_int_equal(rd_dev_read_events(dev, collect, &s), 0);

	/* two lines at once, then one split over two writes */
	const char *first = "1 armed snp:d315000000000004\n2 acked snp:d315000000000004\n3 chan";

	assert_int_equal(write(sv[1], first, strlen(first)), (ssize_t)strlen(first));
	assert_int_equal(rd_dev_read_events(dev, collect, &s), 2);
	assert_int_equal(write(sv[1], "ged snp:d316000000000004\n", 25), 25);
	assert_int_equal(rd_dev_read_events(dev, collect, &s), 1);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.ev[0].type, RD_EV_ARMED);
	assert_int_equal(s.ev[1].type, RD_EV_ACKED);
	assert_int_equal(s.ev[2].type, RD_EV_CHANGED);
	assert_int_equal(s.ev[2].seq, 3);
	assert_string_equal(s.line[2], "3 changed snp:d316000000000004");

	/* an over-long line is dropped whole; the next one still parses */
	memset(big, 'x', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	assert_int_equal(write(sv[1], big, sizeof(big)), (ssize_t)sizeof(big));
	assert_int_equal(write(sv[1], "garbage\n4 fired\n", 16), 16);
	assert_int_equal(rd_dev_read_events(dev, collect, &s), 2);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.ev[3].name, "malformed");
	assert_int_equal(s.ev[4].type, RD_EV_FIRED);
	rd_dev_free(dev);
	close(sv[1]);
}

static int fake_errno;
static ssize_t failing_write(int fd, const void *buf, size_t len)
{
	(void)fd;
	(void)buf;
	(void)len;
	errno = fake_errno;
	return -1;
}

static void test_send(void **state)
{
	struct rd_dev *dev;
	struct tsm_tcb t;
	char buf[128];
	int sv[2];

	(void)state;
	tsm_tcb_parse("snp:d315000000000004", &t);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(rd_dev_new_fd(sv[0], &dev), 0);
	assert_int_equal(rd_dev_send(dev, RD_CMD_ACK, &t), 0);
	assert_int_equal(rd_dev_send(dev, RD_CMD_REJECT, NULL), 0);
	memset(buf, 0, sizeof(buf));
	assert_int_equal(read(sv[1], buf, sizeof(buf) - 1), 32);
	assert_string_equal(buf, "ack snp:d315000000000004\nreject\n");
	/* the kernel's errno comes back as -errno */
	rd_dev_set_write_fn(dev, failing_write);
	fake_errno = ESTALE;
	assert_int_equal(rd_dev_send(dev, RD_CMD_ACK, &t), -ESTALE);
	fake_errno = ENOSPC;
	assert_int_equal(rd_dev_send(dev, RD_CMD_EXPECT, &t), -ENOSPC);
	/* a command that does not format is never written */
	assert_int_equal(rd_dev_send(dev, RD_CMD_ACK, NULL), -EINVAL);
	rd_dev_free(dev);
	close(sv[1]);
	/* open errors */
	assert_int_equal(rd_dev_open("/nonexistent/tsm_watchdog", &dev), -ENOENT);
	assert_null(dev);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmd_format),
		cmocka_unit_test(test_event_parse),
		cmocka_unit_test(test_read_events),
		cmocka_unit_test(test_send),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
