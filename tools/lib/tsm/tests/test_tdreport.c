// SPDX-License-Identifier: GPL-2.0-only
/*
 * libtsm unit tests: TDREPORT through /dev/tdx_guest (TDX_CMD_GET_REPORT0),
 * with an injected device path and ioctl() wrapped (-Wl,--wrap=ioctl) to
 * answer as Linux's tdx-guest driver does; and the library's error codes.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <cmocka.h>

#include "../tsm.h"
#include "fixtures.h"

/* Linux include/uapi/linux/tdx-guest.h, restated independently. */
struct fake_tdx_report_req {
	uint8_t reportdata[64];
	uint8_t tdreport[1024];
};
#define FAKE_GET_REPORT0	_IOWR('T', 1, struct fake_tdx_report_req)

/* What the fake device does. */
static struct {
	bool active;		/* answer instead of the real ioctl */
	int err;		/* errno to fail with */
	int eintr;		/* fail with EINTR this many times first */
	bool bad_type;		/* a TDREPORT that does not parse */
	bool other_data;	/* REPORTDATA not the one asked for */
	unsigned long request;	/* last request seen */
	int calls;
} dev;

int __real_ioctl(int fd, unsigned long request, ...);
int __wrap_ioctl(int fd, unsigned long request, ...)
{
	struct fake_tdx_report_req *req;
	va_list ap;

	va_start(ap, request);
	req = va_arg(ap, void *);
	va_end(ap);
	if (!dev.active)
		return __real_ioctl(fd, request, req);
	dev.calls++;
	dev.request = request;
	if (dev.eintr > 0) {
		dev.eintr--;
		errno = EINTR;
		return -1;
	}
	if (dev.err) {
		errno = dev.err;
		return -1;
	}
	if (request != FAKE_GET_REPORT0) {
		errno = ENOTTY;
		return -1;
	}
	/* the TDX module copies REPORTDATA into REPORTMACSTRUCT */
	fx_tdreport(req->tdreport, 1, true);
	memcpy(req->tdreport + 128, req->reportdata, 64);
	if (dev.bad_type)
		req->tdreport[0] = 0x00;
	if (dev.other_data)
		req->tdreport[128] ^= 1;
	return 0;
}

static char devpath[64];

static int setup(void **state)
{
	int fd;

	(void)state;
	memset(&dev, 0, sizeof(dev));
	dev.active = true;
	snprintf(devpath, sizeof(devpath), "/tmp/libtsm-tdx-XXXXXX");
	fd = mkstemp(devpath);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(devpath);
	return 0;
}

static struct tsm_ctx *ctx_for(const char *path)
{
	struct tsm_ctx *ctx = NULL;

	assert_int_equal(tsm_ctx_new(&ctx), 0);
	assert_int_equal(tsm_ctx_set_tdx_guest_path(ctx, path), 0);
	return ctx;
}

static void tdreport_ok(void **state)
{
	struct tsm_ctx *ctx = ctx_for(devpath);
	struct tsm_tdreport *r = NULL;
	const struct tsm_evidence *ev;
	uint8_t nonce[5] = { 1, 2, 3, 4, 5 }, want[64] = { 1, 2, 3, 4, 5 };
	const uint8_t *data;
	size_t len = 0;

	(void)state;
	dev.eintr = 2;		/* EINTR is retried */
	assert_int_equal(tsm_tdreport_new(ctx, nonce, sizeof(nonce), &r), 0);
	assert_non_null(r);
	assert_int_equal(dev.calls, 3);
	assert_true(dev.request == FAKE_GET_REPORT0);
	data = tsm_tdreport_get_data(r, &len);
	assert_int_equal(len, 1024);
	assert_int_equal(data[0], 0x81);
	assert_memory_equal(data + 128, want, 64);	/* zero-padded */
	ev = tsm_tdreport_get_evidence(r);
	assert_int_equal(ev->format, TSM_FORMAT_TDREPORT);
	assert_memory_equal(ev->report_data, want, 64);
	assert_int_equal(tsm_evidence_check_nonce(ev, nonce, sizeof(nonce)), 0);
	assert_true(tsm_tdreport_ref(r) == r);
	assert_null(tsm_tdreport_unref(r));
	assert_null(tsm_tdreport_unref(r));
	assert_null(tsm_tdreport_unref(NULL));
	tsm_ctx_unref(ctx);
}

static void tdreport_errors(void **state)
{
	struct tsm_ctx *ctx = ctx_for(devpath);
	struct tsm_tdreport *r = (void *)1;
	uint8_t nonce[65] = { 0 };

	(void)state;
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 0, &r), -EINVAL);
	assert_null(r);
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 65, &r), -EINVAL);
	assert_int_equal(tsm_tdreport_new(ctx, NULL, 1, &r), -EINVAL);
	assert_int_equal(tsm_tdreport_new(NULL, nonce, 1, &r), -EINVAL);
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 1, NULL), -EINVAL);
	assert_int_equal(dev.calls, 0);
	/* the driver's errors come through as they are */
	dev.err = EIO;
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 64, &r), -EIO);
	assert_null(r);
	dev.err = 0;
	dev.bad_type = true;
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 64, &r), TSM_E_MALFORMED);
	assert_null(r);
	dev.bad_type = false;
	dev.other_data = true;
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 64, &r), TSM_E_NONCE);
	assert_null(r);
	tsm_ctx_unref(ctx);
}

static void tdreport_no_device(void **state)
{
	struct tsm_ctx *ctx = ctx_for("/nonexistent/tdx_guest");
	struct tsm_tdreport *r = NULL;
	uint8_t nonce[64] = { 0 };

	(void)state;
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 64, &r), -ENOENT);
	assert_int_equal(dev.calls, 0);
	/* a file that is not a tdx-guest device: the real ioctl says ENOTTY */
	dev.active = false;
	assert_int_equal(tsm_ctx_set_tdx_guest_path(ctx, devpath), 0);
	assert_int_equal(tsm_tdreport_new(ctx, nonce, 64, &r), -ENOTTY);
	assert_null(r);
	tsm_ctx_unref(ctx);
}

static void tdx_guest_path(void **state)
{
	struct tsm_ctx *ctx = NULL;
	char longp[5000];

	(void)state;
	assert_int_equal(tsm_ctx_new(&ctx), 0);
	assert_string_equal(tsm_ctx_get_tdx_guest_path(ctx), "/dev/tdx_guest");
	assert_int_equal(tsm_ctx_set_tdx_guest_path(ctx, "/x"), 0);
	assert_string_equal(tsm_ctx_get_tdx_guest_path(ctx), "/x");
	assert_int_equal(tsm_ctx_set_tdx_guest_path(ctx, ""), -EINVAL);
	memset(longp, 'a', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	assert_int_equal(tsm_ctx_set_tdx_guest_path(ctx, longp), -EINVAL);
	assert_string_equal(tsm_ctx_get_tdx_guest_path(ctx), "/x");
	assert_int_equal(tsm_ctx_set_tdx_guest_path(ctx, NULL), 0);
	assert_string_equal(tsm_ctx_get_tdx_guest_path(ctx), "/dev/tdx_guest");
	assert_int_equal(tsm_ctx_set_tdx_guest_path(NULL, "/x"), -EINVAL);
	assert_null(tsm_ctx_get_tdx_guest_path(NULL));
	tsm_ctx_unref(ctx);
}

/*
 * Issue 13: TSM_E_* reused real errnos (TSM_E_TRUNCATED was -ENODATA,
 * TSM_E_RACE -EAGAIN, TSM_E_NONCE -ESTALE), so a real -ENODATA from a
 * read or the kernel's -ESTALE for a refused ack read as evidence errors.
 */
static void error_codes_distinct(void **state)
{
	static const int codes[] = {
		TSM_E_TRUNCATED, TSM_E_VERSION, TSM_E_MALFORMED,
		TSM_E_UNKNOWN_FORMAT, TSM_E_TOOBIG, TSM_E_RACE, TSM_E_NONCE,
	};

	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		/* outside every errno (Linux MAX_ERRNO is 4095) */
		assert_true(codes[i] < -4095);
		assert_true(tsm_is_error_code(codes[i]));
		assert_true(tsm_is_error_code(-codes[i]));
		for (size_t k = 0; k < i; k++)
			assert_int_not_equal(codes[i], codes[k]);
		assert_string_not_equal(tsm_strerror(codes[i]), "unknown error");
	}
	assert_false(tsm_is_error_code(-ENODATA));
	assert_false(tsm_is_error_code(-ESTALE));
	assert_false(tsm_is_error_code(-EAGAIN));
	assert_false(tsm_is_error_code(0));
	assert_false(tsm_is_error_code(-(TSM_E_LAST + 1)));
	/* real errnos keep their own text */
	assert_string_equal(tsm_strerror(-ENODATA), "No data available");
	assert_string_equal(tsm_strerror(-ESTALE), "Stale file handle");
	assert_string_equal(tsm_strerror(-EAGAIN),
			    "Resource temporarily unavailable");
	assert_string_equal(tsm_strerror(EIO), "Input/output error");
	assert_string_equal(tsm_strerror(TSM_E_TRUNCATED), "evidence truncated");
	assert_string_equal(tsm_strerror(-TSM_E_NONCE),
			    "report data does not carry the nonce");
	assert_string_equal(tsm_strerror(0), "success");
	assert_string_equal(tsm_strerror(-4096), "unknown error");
	assert_string_equal(tsm_strerror(-999999), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(tdreport_ok, setup, teardown),
		cmocka_unit_test_setup_teardown(tdreport_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(tdreport_no_device, setup, teardown),
		cmocka_unit_test(tdx_guest_path),
		cmocka_unit_test(error_codes_distinct),
	};

	return cmocka_run_group_tests_name("tdreport", tests, NULL, NULL);
}
