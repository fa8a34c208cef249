// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Prometheus text file: names, types, values from a fake sysfs and
 * a snapshot of the daemon's counters, label escaping, atomic write.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "renewd.h"
#include "testlib.h"

static char dir[4096], sysfs[4200];

static int setup(void **state)
{
	(void)state;
	tl_tmpdir(dir, sizeof(dir));
	snprintf(sysfs, sizeof(sysfs), "%s/sysfs", dir);
	assert_int_equal(mkdir(sysfs, 0755), 0);
	tl_write(sysfs, "state", "changed\n", NULL, 0);
	tl_write(sysfs, "timeleft", "17\n", NULL, 0);
	tl_write(sysfs, "fire_count", "3\n", NULL, 0);
	tl_write(sysfs, "source_errors", "5\n", NULL, 0);
	tl_write(sysfs, "current_tcb", "snp:d317000000000004\n", NULL, 0);
	tl_write(sysfs, "acked_tcb", "snp:d315000000000004\n", NULL, 0);
	tl_write(sysfs, "floor_tcb", "none\n", NULL, 0);
	tl_write(sysfs, "launch_tcb", "snp:d314000000000004\n", NULL, 0);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tl_rmtree(dir);
	return 0;
}

static void has(const char *text, const char *line)
{
	if (!strstr(text, line))
		fail_msg("metrics lack '%s':\n%s", line, text);
}

static void snapshot(struct rd_snapshot *s, struct rd_verification *v,
		     struct rd_counter *reasons, struct rd_config *cfg)
{
	memset(s, 0, sizeof(*s));
	memset(v, 0, sizeof(*v));
	memset(reasons, 0, sizeof(*reasons) * RD_REASONS_MAX);
	memset(cfg, 0, sizeof(*cfg));
	v->result = RD_DENIED;
	reasons[0] = (struct rd_counter){ "not_approved", 2 };
	reasons[1] = (struct rd_counter){ "report", 1 };
	s->cfg = cfg;
	s->last = v;
	s->have_last = true;
	s->last_time = 1764750000;
	s->has_floor = true;
	assert_int_equal(tsm_tcb_parse("snp:d315000000000004", &s->floor), 0);
	s->floor_saved = true;
	s->n_verify = 10;
	s->n_approved = 7;
	s->n_denied = 2;
	s->n_error = 1;
	s->n_acks = 7;
	s->n_refused = 0;
	s->reasons = reasons;
}

static void test_render(void **state)
{
	struct rd_counter reasons[RD_REASONS_MAX];
	struct rd_verification v;
	struct rd_snapshot s;
	struct rd_config cfg;
	char text[16384];

	(void)state;
	snapshot(&s, &v, reasons, &cfg);
	assert_true(rd_metrics_render(sysfs, &s, text, sizeof(text)) > 0);
	has(text, "# TYPE tsm_watchdog_state gauge\n");
	has(text, "tsm_watchdog_state{state=\"armed\"} 0\ntsm_watchdog_state{state=\"changed\"} 1\n");
	has(text, "\ntsm_watchdog_time_left_seconds 17\n");
	has(text, "# TYPE tsm_watchdog_fires_total counter\ntsm_watchdog_fires_total 3\n");
	has(text, "\ntsm_watchdog_source_errors_total 5\n");
	has(text, "\ntsm_watchdog_tcb_info{current=\"snp:d317000000000004\",acked=\"snp:d315000000000004\",platform_floor=\"none\",launch=\"snp:d314000000000004\",floor=\"snp:d315000000000004\"} 1\n");
	has(text, "\ntcb_renewd_last_verification_timestamp_seconds 1764750000\n");
	has(text, "\ntcb_renewd_last_verification_result{result=\"denied\"} 1\n");
	has(text, "\ntcb_renewd_last_verification_result{result=\"approved\"} 0\n");
	has(text, "\ntcb_renewd_verifications_total{result=\"approved\"} 7\n");
	has(text, "\ntcb_renewd_denials_total{reason=\"not_approved\"} 2\n");
	has(text, "\ntcb_renewd_denials_total{reason=\"below_floor\"} 0\n");
	has(text, "\ntcb_renewd_errors_total{reason=\"report\"} 1\n");
	has(text, "\ntcb_renewd_floor_saved 1\n");
	/* every sample line is NAME{...} VALUE or NAME VALUE; every family
	 * has HELP and TYPE before its samples */
	for (char *l = text, *nl; *l; l = nl + 1) {
		nl = strchr(l, '\n');
		assert_non_null(nl);
		if (*l == '#')
			continue;
		assert_true(strncmp(l, "tsm_watchdog_", 13) == 0 ||
			    strncmp(l, "tcb_renewd_", 11) == 0);
	}
}

/* The value of the sample @name{reason="@reason"}, or -1 if absent. */
static long sample(const char *text, const char *name, const char *reason)
{
	char want[256];
	const char *p;

	snprintf(want, sizeof(want), "\n%s{reason=\"%s\"} ", name, reason);
	p = strstr(text, want);
	return p ? strtol(p + strlen(want), NULL, 10) : -1;
}

/*
 * Issue 13 A.3: every reason a verification can have (rd_reasons[], the
 * tokens the code sets) has its series, "tdreport" included, and the
 * errors by reason add up to the error count.
 */
static void test_every_reason(void **state)
{
	struct rd_counter reasons[RD_REASONS_MAX];
	struct rd_verification v;
	struct rd_snapshot s;
	struct rd_config cfg;
	char text[16384];
	unsigned long denied = 0, errors = 0;
	int n = 0;

	(void)state;
	snapshot(&s, &v, reasons, &cfg);
	memset(reasons, 0, sizeof(reasons));
	for (int i = 0; i < RD_R_COUNT; i++) {
		assert_non_null(rd_reasons[i].name);
		for (int j = 0; j < i; j++)
			assert_string_not_equal(rd_reasons[i].name,
						rd_reasons[j].name);
		if (rd_reasons[i].result == RD_APPROVED)
			continue;
		assert_true(n < RD_REASONS_MAX);
		reasons[n] = (struct rd_counter){ rd_reasons[i].name,
						  (unsigned long)(i + 1) };
		if (rd_reasons[i].result == RD_DENIED)
			denied += (unsigned long)(i + 1);
		else
			errors += (unsigned long)(i + 1);
		n++;
	}
	s.n_denied = denied;
	s.n_error = errors;
	assert_true(rd_metrics_render(sysfs, &s, text, sizeof(text)) > 0);
	for (int i = 0; i < RD_R_COUNT; i++) {
		const char *name = rd_reasons[i].name;
		long d = sample(text, "tcb_renewd_denials_total", name);
		long e = sample(text, "tcb_renewd_errors_total", name);

		switch (rd_reasons[i].result) {
		case RD_DENIED:
			if (d != i + 1 || e != -1)
				fail_msg("denial reason %s: denials %ld errors %ld", name, d, e);
			break;
		case RD_ERROR:
			if (e != i + 1 || d != -1)
				fail_msg("error reason %s: errors %ld denials %ld", name, e, d);
			break;
		default:
			assert_int_equal(d, -1);
			assert_int_equal(e, -1);
		}
	}
	has(text, "\ntcb_renewd_errors_total{reason=\"tdreport\"} ");
	/* the series of a family add up to its verifications */
	{
		static const char dp[] = "\ntcb_renewd_denials_total{";
		static const char ep[] = "\ntcb_renewd_errors_total{";
		unsigned long sum_d = 0, sum_e = 0;

		for (const char *p = text; (p = strstr(p, "\ntcb_renewd_")); p++) {
			if (!strncmp(p, dp, strlen(dp)))
				sum_d += strtoul(strchr(p, '}') + 2, NULL, 10);
			if (!strncmp(p, ep, strlen(ep)))
				sum_e += strtoul(strchr(p, '}') + 2, NULL, 10);
		}
		assert_int_equal(sum_d, denied);
		assert_int_equal(sum_e, errors);
	}
}

static void test_escape_and_no_kernel(void **state)
{
	struct rd_counter reasons[RD_REASONS_MAX];
	struct rd_verification v;
	struct rd_snapshot s;
	struct rd_config cfg;
	char text[16384], path[4300];

	(void)state;
	snapshot(&s, &v, reasons, &cfg);
	tl_write(sysfs, "current_tcb", "a\"b\\c\n", NULL, 0);
	assert_true(rd_metrics_render(sysfs, &s, text, sizeof(text)) > 0);
	has(text, "current=\"a\\\"b\\\\c\"");
	/* no module: no kernel gauges, the daemon's metrics still there */
	assert_true(rd_metrics_render("/nonexistent", &s, text, sizeof(text)) > 0);
	assert_null(strstr(text, "tsm_watchdog_state"));
	has(text, "tsm_watchdog_tcb_info{current=\"\",acked=\"\"");
	/* too small a buffer: refused, not truncated */
	assert_int_equal(rd_metrics_render(sysfs, &s, text, 100), -ENOSPC);
	/* the file: written whole, readable by node-exporter's user */
	snprintf(path, sizeof(path), "%s/x.prom", dir);
	{
		char err[RD_MSG_MAX];
		struct stat st;

		umask(077);
		assert_int_equal(rd_metrics_write(path, sysfs, &s, err, sizeof(err)), 0);
		umask(022);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0644);
		assert_true(tl_read(path, text, sizeof(text)) > 0);
		has(text, "tcb_renewd_floor_saved 1\n");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_render, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_reason, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escape_and_no_kernel, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
