/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tsm_wd_snp's request and response handling: the MSG_REPORT_REQ it sends
 * to the AMD Secure Processor, the MSG_REPORT_RSP it gets back, the TCBs
 * it takes from the ATTESTATION_REPORT inside, and the rate limit that
 * keeps it within the host's throttling.
 *
 * Pure functions on byte buffers and plain integers, no kernel-only
 * calls: the transport (snp_send_guest_request() in the kernel, a stub in
 * tests/unit/test_snp_source.c) is passed in as a function, and time as
 * milliseconds.
 *
 * Layouts from AMD's "SEV Secure Nested Paging Firmware ABI Specification"
 * (publication 56860), section "MSG_REPORT_REQ" and "MSG_REPORT_RSP":
 *   MSG_REPORT_REQ (96 bytes): 0x00 REPORT_DATA (64), 0x40 VMPL (4),
 *	0x44 KEY_SEL (bits 1:0), 0x48 reserved (24).
 *   MSG_REPORT_RSP: 0x00 STATUS (4; 0 success, 0x16 INVALID_PARAM,
 *	0x27 INVALID_KEY_SEL), 0x04 REPORT_SIZE (4), 0x08 reserved (24),
 *	0x20 REPORT (REPORT_SIZE bytes).
 * The report inside is decoded by snp_report.h's snp_report_decode(), the
 * simulator's decoder too, which also picks the TCB_VERSION layout
 * (Milan/Genoa or Turin) from the report's CPUID_FAM_ID.
 */
#ifndef _TSM_WD_SNP_MSG_REPORT_H
#define _TSM_WD_SNP_MSG_REPORT_H

#include <linux/errno.h>
#include <linux/string.h>
#include <linux/tsm-watchdog.h>
#include <linux/types.h>

#include "snp_report.h"

#define SNP_MSG_REPORT_REQ_LEN		96
#define SNP_MSG_REQ_VMPL		0x40
#define SNP_MSG_RSP_STATUS		0x00
#define SNP_MSG_RSP_REPORT_SIZE		0x04
#define SNP_MSG_RSP_REPORT		0x20
/* the response buffer: header, the largest report a firmware may return */
#define SNP_MSG_REPORT_RSP_LEN		4000

/**
 * snp_wd_report_req() - fill a MSG_REPORT_REQ
 * @req: SNP_MSG_REPORT_REQ_LEN bytes
 * @vmpl: VMPL to report at (that of the VMPCK used), 0..3
 *
 * REPORT_DATA stays zero: the answer comes over the guest's VMPCK channel,
 * whose AES-GCM and message sequence numbers already make it fresh and
 * authentic. KEY_SEL 0: the firmware's default signing key.
 */
static inline void snp_wd_report_req(u8 *req, u32 vmpl)
{
	memset(req, 0, SNP_MSG_REPORT_REQ_LEN);
	snp_put_le(req + SNP_MSG_REQ_VMPL, vmpl, 4);
}

/**
 * snp_wd_report_rsp() - decode a MSG_REPORT_RSP
 * @rsp: the decrypted response payload
 * @len: bytes of @rsp that the transport may have written
 * @out: the TCBs, untouched on error
 *
 * REPORT_SIZE comes from the firmware but is checked against @len anyway.
 *
 * Return: 0; -EIO if STATUS is not success; -EBADMSG if REPORT_SIZE does
 * not fit @len or the report does not decode (a VERSION snp_report.h does
 * not know).
 */
static inline int snp_wd_report_rsp(const u8 *rsp, size_t len,
				    struct snp_report_tcb *out)
{
	u64 size;

	if (len < SNP_MSG_RSP_REPORT)
		return -EBADMSG;
	if (snp_get_le(rsp + SNP_MSG_RSP_STATUS, 4))
		return -EIO;
	size = snp_get_le(rsp + SNP_MSG_RSP_REPORT_SIZE, 4);
	if (size < SNP_REPORT_LEN || size > len - SNP_MSG_RSP_REPORT)
		return -EBADMSG;
	if (snp_report_decode(rsp + SNP_MSG_RSP_REPORT, (size_t)size, out))
		return -EBADMSG;
	return 0;
}

/**
 * snp_wd_send_errno() - what a failed guest request means to the watchdog
 * @rc: snp_send_guest_request()'s negative errno
 *
 * -EAGAIN (the host answered SNP_GUEST_VMM_ERR_BUSY) and -EBUSY are host
 * throttling: busy (-EBUSY), DESIGN rule 12, never a TCB change. Anything
 * else is a failure and passes through unchanged, except -ENODEV, which
 * the core reserves for "no source".
 *
 * Return: the errno for read_tcb().
 */
static inline int snp_wd_send_errno(int rc)
{
	if (rc == -EAGAIN || rc == -EBUSY)
		return -EBUSY;
	if (rc == -ENODEV)
		return -EIO;
	return rc;
}

/**
 * snp_wd_fill_reading() - a watchdog reading from a report's TCBs
 * @r: destination: tcb = CURRENT_TCB, floor = COMMITTED_TCB,
 *	launch = LAUNCH_TCB
 * @t: the TCBs
 */
static inline void snp_wd_fill_reading(struct tsm_wd_reading *r,
				       const struct snp_report_tcb *t)
{
	snp_wd_tcb_set(&r->tcb, t->current_tcb);
	r->has_floor = true;
	snp_wd_tcb_set(&r->floor, t->committed_tcb);
	r->has_launch = true;
	snp_wd_tcb_set(&r->launch, t->launch_tcb);
}

/**
 * struct snp_wd_transport - how snp_wd_read() reaches the firmware
 * @send: send one MSG_REPORT_REQ (@req, SNP_MSG_REPORT_REQ_LEN bytes) and
 *	wait for the answer: the decrypted MSG_REPORT_RSP in @rsp
 *	(SNP_MSG_REPORT_RSP_LEN bytes); returns 0 or a negative errno, as
 *	snp_send_guest_request()
 * @now_ms: a monotonic clock in milliseconds
 * @ctx: passed to both
 */
struct snp_wd_transport {
	int (*send)(void *ctx, const u8 *req, u8 *rsp);
	u64 (*now_ms)(void *ctx);
	void *ctx;
};

/**
 * struct snp_wd_state - the rate limit and the last answer
 * @interval_ms: at most one request every this many milliseconds
 * @asked: a request was made (@last_ms, @err valid)
 * @last_ms: when the last request was answered (the host may hold one
 *	for a minute: the interval counts from its end)
 * @err: its result, 0 or the read_tcb() errno
 * @tcbs: its TCBs when @err is 0
 * @requests: requests sent, for the module's statistics
 *
 * The caller serialises every access (tsm_wd_snp: its mutex).
 */
struct snp_wd_state {
	u32 interval_ms;
	bool asked;
	u64 last_ms;
	int err;
	struct snp_report_tcb tcbs;
	u64 requests;
};

/**
 * snp_wd_read() - read the TCB, sending a request only when one is due
 * @s: state
 * @t: the transport
 * @req: SNP_MSG_REPORT_REQ_LEN bytes of scratch
 * @rsp: SNP_MSG_REPORT_RSP_LEN bytes of scratch
 * @vmpl: VMPL to request the report at
 * @r: the reading on success
 *
 * Within @s->interval_ms of the last request, answers what that request
 * answered (its TCBs, or its error again) without asking the host: the
 * host throttles guest requests, and every request the watchdog makes is
 * one the tenant's own attestation can not make.
 *
 * Return: 0, -EBUSY when the host is throttling, or another negative
 * errno.
 */
static inline int snp_wd_read(struct snp_wd_state *s,
			      const struct snp_wd_transport *t, u8 *req, u8 *rsp,
			      u32 vmpl, struct tsm_wd_reading *r)
{
	struct snp_report_tcb tcbs = {};
	int err;

	if (!s->asked || t->now_ms(t->ctx) - s->last_ms >= s->interval_ms) {
		snp_wd_report_req(req, vmpl);
		memset(rsp, 0, SNP_MSG_REPORT_RSP_LEN);
		err = t->send(t->ctx, req, rsp);
		s->requests++;
		if (err)
			err = snp_wd_send_errno(err);
		else
			err = snp_wd_report_rsp(rsp, SNP_MSG_REPORT_RSP_LEN,
						&tcbs);
		s->asked = true;
		s->last_ms = t->now_ms(t->ctx);
		s->err = err;
		if (!err)
			s->tcbs = tcbs;
	}
	if (s->err)
		return s->err;
	snp_wd_fill_reading(r, &s->tcbs);
	return 0;
}

#endif /* _TSM_WD_SNP_MSG_REPORT_H */
