// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host tests of tsm_wd_snp's request and response handling
 * (drivers/virt/coco/tsm-watchdog/snp_msg_report.h), with the kernel's
 * snp_send_guest_request() and clock replaced by a scripted stub.
 *
 * Expected layouts are written out here, independently of the headers,
 * from AMD's SEV-SNP Firmware ABI specification (publication 56860):
 *   MSG_REPORT_REQ: 0x00 REPORT_DATA (64), 0x40 VMPL (4), 0x44 KEY_SEL (4),
 *	0x48 reserved (24); 96 bytes.
 *   MSG_REPORT_RSP: 0x00 STATUS (4), 0x04 REPORT_SIZE (4), 0x08 reserved
 *	(24), 0x20 REPORT.
 *   ATTESTATION_REPORT: 0x000 VERSION (4), 0x038 CURRENT_TCB (8),
 *	0x188 CPUID_FAM_ID (1), 0x1e0 COMMITTED_TCB (8), 0x1f0 LAUNCH_TCB (8);
 *	1184 bytes.
 *   TCB_VERSION components: Milan/Genoa bytes 0 BL, 1 TEE, 6 SNP, 7 UCODE;
 *	Turin (family 1Ah) bytes 0 FMC, 1 BL, 2 TEE, 3 SNP, 7 UCODE.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "snp_msg_report.h"

#define TCB_CUR		0xd316000000000004ULL
#define TCB_COM		0xd315000000000004ULL
#define TCB_LAU		0xd314000000000003ULL
#define TCB_NEW		0xd317000000000004ULL

#define RSP_LEN		4000
#define RPT_LEN		1184

static void put(uint8_t *p, uint64_t v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* a MSG_REPORT_RSP holding a report of @version, family @fam */
static void make_rsp(uint8_t *rsp, uint32_t version, uint8_t fam,
		     uint64_t cur, uint64_t com, uint64_t lau)
{
	uint8_t *r = rsp + 0x20;

	memset(rsp, 0, RSP_LEN);
	put(rsp + 0x04, RPT_LEN, 4);
	put(r + 0x000, version, 4);
	put(r + 0x038, cur, 8);
	r[0x188] = fam;
	put(r + 0x1e0, com, 8);
	put(r + 0x1f0, lau, 8);
}

static uint64_t tcb_u64(const struct tsm_wd_tcb *t)
{
	uint64_t v = 0;

	assert_string_equal(t->scheme, "snp");
	assert_int_equal(t->len, 8);
	for (int i = 0; i < 8; i++)
		v = (v << 8) | t->bytes[i];
	return v;
}

/* --- the scripted transport --------------------------------------------- */

#define STEPS 8
struct stub {
	int rc[STEPS];		/* what send() returns at each call */
	uint64_t cur[STEPS];	/* CURRENT_TCB it answers at each call */
	uint32_t status[STEPS];	/* MSG_REPORT_RSP STATUS at each call */
	uint64_t cost_ms;	/* how long a send takes (host stall) */
	uint64_t now;		/* the clock */
	int calls;
	uint8_t last_req[SNP_MSG_REPORT_REQ_LEN];
};

static int stub_send(void *ctx, const u8 *req, u8 *rsp)
{
	struct stub *s = ctx;
	int i = s->calls++;

	assert_true(i < STEPS);
	memcpy(s->last_req, req, sizeof(s->last_req));
	s->now += s->cost_ms;
	if (s->rc[i])
		return s->rc[i];
	make_rsp(rsp, 3, 0x19, s->cur[i], TCB_COM, TCB_LAU);
	put(rsp, s->status[i], 4);
	return 0;
}

static u64 stub_now(void *ctx)
{
	return ((struct stub *)ctx)->now;
}

struct rig {
	struct stub st;
	struct snp_wd_transport t;
	struct snp_wd_state s;
	uint8_t req[SNP_MSG_REPORT_REQ_LEN];
	uint8_t rsp[SNP_MSG_REPORT_RSP_LEN];
};

static void rig_init(struct rig *g, uint32_t interval_ms)
{
	memset(g, 0, sizeof(*g));
	g->t.send = stub_send;
	g->t.now_ms = stub_now;
	g->t.ctx = &g->st;
	g->s.interval_ms = interval_ms;
	g->st.now = 1000000;
	for (int i = 0; i < STEPS; i++)
		g->st.cur[i] = TCB_CUR;
}

/* one read as the core does it: a zeroed reading each time */
static int rig_read(struct rig *g, struct tsm_wd_reading *r)
{
	memset(r, 0, sizeof(*r));
	return snp_wd_read(&g->s, &g->t, g->req, g->rsp, 2, r);
}

/* --- request ----------------------------------------------------------------- */

static void test_report_req_layout(void **state)
{
	uint8_t req[SNP_MSG_REPORT_REQ_LEN];

	(void)state;
	assert_int_equal(SNP_MSG_REPORT_REQ_LEN, 96);
	memset(req, 0xee, sizeof(req));
	snp_wd_report_req(req, 2);
	for (int i = 0; i < 96; i++)
		assert_int_equal(req[i], i == 0x40 ? 2 : 0);
}

/* --- response ---------------------------------------------------------------- */

static void test_rsp_decodes_three_tcbs(void **state)
{
	static uint8_t rsp[RSP_LEN];
	struct snp_report_tcb t = { 0 };
	struct tsm_wd_reading r = {};

	(void)state;
	make_rsp(rsp, 3, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), 0);
	assert_true(t.current_tcb == TCB_CUR);
	assert_true(t.committed_tcb == TCB_COM);
	assert_true(t.launch_tcb == TCB_LAU);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_GENOA);
	snp_wd_fill_reading(&r, &t);
	assert_true(tcb_u64(&r.tcb) == TCB_CUR);
	assert_true(r.has_floor);
	assert_true(tcb_u64(&r.floor) == TCB_COM);
	assert_true(r.has_launch);
	assert_true(tcb_u64(&r.launch) == TCB_LAU);
	/* the text form's bytes: big-endian u64 */
	assert_int_equal(r.tcb.bytes[0], 0xd3);
	assert_int_equal(r.tcb.bytes[7], 0x04);
}

static void test_rsp_layout_from_cpuid(void **state)
{
	static uint8_t rsp[RSP_LEN];
	struct snp_report_tcb t = { 0 };

	(void)state;
	make_rsp(rsp, 3, 0x1a, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_TURIN);
	make_rsp(rsp, 5, 0x1a, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_TURIN);
	/* Milan */
	make_rsp(rsp, 3, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_GENOA);
	/* version 2 has no CPUID fields: whatever sits there is ignored */
	make_rsp(rsp, 2, 0x1a, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), 0);
	assert_int_equal(t.layout, SNP_TCB_LAYOUT_GENOA);
}

static void test_rsp_refuses_bad_answers(void **state)
{
	static uint8_t rsp[RSP_LEN];
	struct snp_report_tcb t = { .current_tcb = 42 };

	(void)state;
	/* firmware STATUS INVALID_PARAM (0x16) */
	make_rsp(rsp, 3, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	put(rsp, 0x16, 4);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), -EIO);
	/* REPORT_SIZE too small, too large for the buffer, absurd */
	make_rsp(rsp, 3, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	put(rsp + 4, RPT_LEN - 1, 4);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), -EBADMSG);
	put(rsp + 4, RSP_LEN - 0x20 + 1, 4);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), -EBADMSG);
	put(rsp + 4, 0xffffffff, 4);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), -EBADMSG);
	/* REPORT_SIZE right at the end of the buffer is fine */
	put(rsp + 4, RSP_LEN - 0x20, 4);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), 0);
	/* versions 0 and 1: no COMMITTED_TCB, LAUNCH_TCB */
	t.current_tcb = 42;
	make_rsp(rsp, 1, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), -EBADMSG);
	make_rsp(rsp, 0, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), -EBADMSG);
	/* a version the decoder does not know */
	make_rsp(rsp, 6, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	assert_int_equal(snp_wd_report_rsp(rsp, RSP_LEN, &t), -EBADMSG);
	assert_true(t.current_tcb == 42);	/* untouched on error */
}

/* every truncation of the buffer: refused, never read past @len (ASan) */
static void test_rsp_every_truncation(void **state)
{
	static uint8_t full[RSP_LEN];
	struct snp_report_tcb t = { 0 };
	size_t need = 0x20 + RPT_LEN;

	(void)state;
	make_rsp(full, 3, 0x19, TCB_CUR, TCB_COM, TCB_LAU);
	for (size_t len = 0; len <= need; len++) {
		uint8_t *b = malloc(len ? len : 1);

		assert_non_null(b);
		memcpy(b, full, len);
		assert_int_equal(snp_wd_report_rsp(b, len, &t),
				 len == need ? 0 : -EBADMSG);
		free(b);
	}
}

/* --- errno and compare ---------------------------------------------------- */

static void test_send_errno(void **state)
{
	(void)state;
	assert_int_equal(snp_wd_send_errno(-EAGAIN), -EBUSY);
	assert_int_equal(snp_wd_send_errno(-EBUSY), -EBUSY);
	assert_int_equal(snp_wd_send_errno(-ETIMEDOUT), -ETIMEDOUT);
	assert_int_equal(snp_wd_send_errno(-ENOTTY), -ENOTTY);
	assert_int_equal(snp_wd_send_errno(-EIO), -EIO);
	/* the core reserves -ENODEV for "no source" */
	assert_int_equal(snp_wd_send_errno(-ENODEV), -EIO);
}

static void test_compare_by_layout(void **state)
{
	(void)state;
	/* SNP SVN (Genoa byte 6) down: rollback; up: newer */
	assert_true(snp_tcb_compare_layout(TCB_COM, TCB_CUR, SNP_TCB_LAYOUT_GENOA) < 0);
	assert_true(snp_tcb_compare_layout(TCB_CUR, TCB_COM, SNP_TCB_LAYOUT_GENOA) > 0);
	assert_int_equal(snp_tcb_compare_layout(TCB_CUR, TCB_CUR, SNP_TCB_LAYOUT_GENOA), 0);
	/* one component up, another down: a rollback, never "newer" */
	assert_true(snp_tcb_compare_layout(0xd400000000000003ULL,
					      0xd300000000000004ULL,
					      SNP_TCB_LAYOUT_GENOA) < 0);
	/* byte 2: reserved on Genoa, TEE on Turin */
	assert_true(snp_tcb_compare_layout(0x0000000000000000ULL,
					      0x0000000000010000ULL,
					      SNP_TCB_LAYOUT_GENOA) > 0);
	assert_true(snp_tcb_compare_layout(0x0000000000000000ULL,
					      0x0000000000010000ULL,
					      SNP_TCB_LAYOUT_TURIN) < 0);
	/* byte 6: SNP on Genoa, reserved on Turin */
	assert_true(snp_tcb_compare_layout(0x0000000000000000ULL,
					      0x0001000000000000ULL,
					      SNP_TCB_LAYOUT_GENOA) < 0);
	assert_true(snp_tcb_compare_layout(0x0000000000000000ULL,
					      0x0001000000000000ULL,
					      SNP_TCB_LAYOUT_TURIN) > 0);
	/* microcode (byte 7) on both; Turin FMC (byte 0) */
	assert_true(snp_tcb_compare_layout(0x0100000000000000ULL,
					      0x0200000000000000ULL,
					      SNP_TCB_LAYOUT_TURIN) < 0);
	assert_true(snp_tcb_compare_layout(0x0000000000000001ULL,
					      0x0000000000000002ULL,
					      SNP_TCB_LAYOUT_TURIN) < 0);
}

/* --- the read path with the stubbed kernel call ------------------------ */

static void test_read_fills_reading_and_request(void **state)
{
	struct rig g;
	struct tsm_wd_reading r;

	(void)state;
	rig_init(&g, 5000);
	assert_int_equal(rig_read(&g, &r), 0);
	assert_int_equal(g.st.calls, 1);
	assert_true(tcb_u64(&r.tcb) == TCB_CUR);
	assert_true(r.has_floor && tcb_u64(&r.floor) == TCB_COM);
	assert_true(r.has_launch && tcb_u64(&r.launch) == TCB_LAU);
	/* the request asked at the VMPL given */
	assert_int_equal(g.st.last_req[0x40], 2);
	assert_int_equal(g.s.requests, 1);
}

static void test_read_rate_limited(void **state)
{
	struct rig g;
	struct tsm_wd_reading r;

	(void)state;
	rig_init(&g, 5000);
	g.st.cur[1] = TCB_NEW;
	assert_int_equal(rig_read(&g, &r), 0);
	/* the core polls every second: no request within the interval */
	for (int i = 0; i < 4; i++) {
		g.st.now += 1000;
		assert_int_equal(rig_read(&g, &r), 0);
		assert_true(tcb_u64(&r.tcb) == TCB_CUR);
	}
	assert_int_equal(g.st.calls, 1);
	g.st.now += 999;
	assert_int_equal(rig_read(&g, &r), 0);
	assert_int_equal(g.st.calls, 1);
	/* 5000 ms after the answer: the next request, the host's new TCB */
	g.st.now += 1;
	assert_int_equal(rig_read(&g, &r), 0);
	assert_int_equal(g.st.calls, 2);
	assert_true(tcb_u64(&r.tcb) == TCB_NEW);
}

static void test_read_busy_is_busy_not_a_change(void **state)
{
	struct rig g;
	struct tsm_wd_reading r;

	(void)state;
	rig_init(&g, 5000);
	g.st.rc[1] = -EAGAIN;	/* SNP_GUEST_VMM_ERR_BUSY */
	g.st.rc[2] = -EBUSY;
	g.st.cur[3] = TCB_NEW;
	assert_int_equal(rig_read(&g, &r), 0);
	g.st.now += 5000;
	assert_int_equal(rig_read(&g, &r), -EBUSY);
	assert_int_equal(r.tcb.len, 0);		/* no TCB: the core keeps the last */
	assert_false(r.has_floor);
	/* throttled: the host is not asked again within the interval */
	g.st.now += 1000;
	assert_int_equal(rig_read(&g, &r), -EBUSY);
	assert_int_equal(g.st.calls, 2);
	g.st.now += 4000;
	assert_int_equal(rig_read(&g, &r), -EBUSY);
	assert_int_equal(g.st.calls, 3);
	g.st.now += 5000;
	assert_int_equal(rig_read(&g, &r), 0);
	assert_int_equal(g.st.calls, 4);
	assert_true(tcb_u64(&r.tcb) == TCB_NEW);
}

static void test_read_failure_passes_through(void **state)
{
	struct rig g;
	struct tsm_wd_reading r;

	(void)state;
	rig_init(&g, 5000);
	g.st.rc[0] = -ETIMEDOUT;	/* the driver gave up after 60 s */
	g.st.rc[1] = -ENOTTY;		/* ... and disabled the VMPCK */
	g.st.status[2] = 0x16;		/* firmware refused the request */
	assert_int_equal(rig_read(&g, &r), -ETIMEDOUT);
	assert_int_equal(r.tcb.len, 0);
	g.st.now += 5000;
	assert_int_equal(rig_read(&g, &r), -ENOTTY);
	g.st.now += 5000;
	assert_int_equal(rig_read(&g, &r), -EIO);
	assert_int_equal(r.tcb.len, 0);
	g.st.now += 5000;
	assert_int_equal(rig_read(&g, &r), 0);
	assert_true(tcb_u64(&r.tcb) == TCB_CUR);
	assert_int_equal(g.st.calls, 4);
}

/* A stalled request (the guest driver retries a throttled one for up to
 * 60 s): the interval counts from the answer, not from the ask. */
static void test_read_interval_counts_from_answer(void **state)
{
	struct rig g;
	struct tsm_wd_reading r;

	(void)state;
	rig_init(&g, 5000);
	g.st.cost_ms = 60000;
	assert_int_equal(rig_read(&g, &r), 0);
	assert_int_equal(g.st.calls, 1);
	g.st.cost_ms = 0;
	g.st.now += 1000;
	assert_int_equal(rig_read(&g, &r), 0);
	assert_int_equal(g.st.calls, 1);
	g.st.now += 4000;
	assert_int_equal(rig_read(&g, &r), 0);
	assert_int_equal(g.st.calls, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_req_layout),
		cmocka_unit_test(test_rsp_decodes_three_tcbs),
		cmocka_unit_test(test_rsp_layout_from_cpuid),
		cmocka_unit_test(test_rsp_refuses_bad_answers),
		cmocka_unit_test(test_rsp_every_truncation),
		cmocka_unit_test(test_send_errno),
		cmocka_unit_test(test_compare_by_layout),
		cmocka_unit_test(test_read_fills_reading_and_request),
		cmocka_unit_test(test_read_rate_limited),
		cmocka_unit_test(test_read_busy_is_busy_not_a_change),
		cmocka_unit_test(test_read_failure_passes_through),
		cmocka_unit_test(test_read_interval_counts_from_answer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
