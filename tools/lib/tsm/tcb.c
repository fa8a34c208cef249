// SPDX-License-Identifier: LGPL-2.1-or-later
/* libtsm: TCB values (text form, comparison, component breakdown). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "tsm-util.h"

static bool tcb_valid(const struct tsm_tcb *tcb)
{
	size_t n;

	if (!tcb || tcb->len == 0 || tcb->len > TSM_TCB_MAX)
		return false;
	n = strnlen(tcb->scheme, sizeof(tcb->scheme));
	if (n == 0 || n > TSM_SCHEME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = tcb->scheme[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return false;
	}
	return true;
}

/* Fixed value lengths of the schemes this library knows; 0 = any. */
static size_t scheme_len(const char *scheme)
{
	if (!strcmp(scheme, "snp"))
		return 8;
	if (!strcmp(scheme, "tdx"))
		return 32;
	return 0;
}

int tsm_tcb_parse_n(const char *text, size_t len, struct tsm_tcb *out)
{
	struct tsm_tcb t;
	size_t i, hex, ndig, want;
	int n;

	if (!text || !out)
		return -EINVAL;
	if (len > 0 && text[len - 1] == '\n')
		len--;
	memset(&t, 0, sizeof(t));
	for (i = 0; i < len && text[i] != ':'; i++) {
		char c = text[i];

		if (i >= TSM_SCHEME_MAX)
			return -EINVAL;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return -EINVAL;
		t.scheme[i] = c;
	}
	if (i == 0 || i == len)
		return -EINVAL;
	hex = i + 1;
	ndig = len - hex;
	if (ndig == 0)
		return -EINVAL;
	n = tsm_hex_decode(text + hex, ndig, t.bytes, sizeof(t.bytes),
			   TSM_HEX_LOWER);
	if (n < 0)
		return -EINVAL;
	t.len = (uint8_t)n;
	want = scheme_len(t.scheme);
	if (want && t.len != want)
		return -EINVAL;
	*out = t;
	return 0;
}

int tsm_tcb_parse(const char *text, struct tsm_tcb *out)
{
	if (!text)
		return -EINVAL;
	return tsm_tcb_parse_n(text, strlen(text), out);
}

int tsm_tcb_format(const struct tsm_tcb *tcb, char *buf, size_t size)
{
	size_t n, need;

	if (!tcb_valid(tcb) || !buf)
		return -EINVAL;
	n = strlen(tcb->scheme);
	need = n + 1 + 2 * (size_t)tcb->len;
	if (size < need + 1)
		return -ENOSPC;
	memcpy(buf, tcb->scheme, n);
	buf[n] = ':';
	return (int)(n + 1) + tsm_hex_encode(tcb->bytes, tcb->len, buf + n + 1,
					     size - n - 1);
}

void tsm_tcb_from_snp(uint64_t v, struct tsm_tcb *out)
{
	memset(out, 0, sizeof(*out));
	strcpy(out->scheme, "snp");
	out->len = 8;
	for (int i = 0; i < 8; i++)
		out->bytes[i] = (uint8_t)(v >> (8 * (7 - i)));
}

int tsm_tcb_to_snp(const struct tsm_tcb *tcb, uint64_t *v)
{
	uint64_t r = 0;

	if (!tcb_valid(tcb) || !v || strcmp(tcb->scheme, "snp") ||
	    tcb->len != 8)
		return -EINVAL;
	for (int i = 0; i < 8; i++)
		r = r << 8 | tcb->bytes[i];
	*v = r;
	return 0;
}

void tsm_tcb_from_tdx(const uint8_t module_svn[16], const uint8_t cpusvn[16],
		      struct tsm_tcb *out)
{
	memset(out, 0, sizeof(*out));
	strcpy(out->scheme, "tdx");
	out->len = 32;
	memcpy(out->bytes, module_svn, 16);
	memcpy(out->bytes + 16, cpusvn, 16);
}

bool tsm_tcb_equal(const struct tsm_tcb *a, const struct tsm_tcb *b)
{
	if (!tcb_valid(a) || !tcb_valid(b))
		return false;
	return !strcmp(a->scheme, b->scheme) && a->len == b->len &&
	       !memcmp(a->bytes, b->bytes, a->len);
}

int tsm_tcb_compare(const struct tsm_tcb *a, const struct tsm_tcb *b,
		    enum tsm_tcb_order *order)
{
	bool lower = false, higher = false;

	if (!tcb_valid(a) || !tcb_valid(b) || !order ||
	    strcmp(a->scheme, b->scheme) || a->len != b->len)
		return -EINVAL;
	/*
	 * "tdx": byte 0 is the TDX module minor SVN, byte 1 its major SVN; a
	 * new major SVN restarts the minor one, so byte 0 only counts while
	 * the majors are equal (as the kernel's tdx compare() does).
	 */
	size_t first = !strcmp(a->scheme, "tdx") && a->len == 32 &&
		       a->bytes[1] != b->bytes[1] ? 1 : 0;

	for (size_t i = first; i < a->len; i++) {
		if (a->bytes[i] < b->bytes[i])
			lower = true;
		else if (a->bytes[i] > b->bytes[i])
			higher = true;
	}
	if (lower && higher)
		*order = TSM_TCB_INCOMPARABLE;
	else if (lower)
		*order = TSM_TCB_OLDER;
	else if (higher)
		*order = TSM_TCB_NEWER;
	else
		*order = TSM_TCB_EQUAL;
	return 0;
}

int tsm_tcb_is_rollback(const struct tsm_tcb *cur, const struct tsm_tcb *base)
{
	enum tsm_tcb_order o;
	int ret = tsm_tcb_compare(cur, base, &o);

	if (ret)
		return ret;
	return o == TSM_TCB_OLDER || o == TSM_TCB_INCOMPARABLE;
}

/* snprintf that reports truncation as -ENOSPC. */
static int put(char *buf, size_t size, size_t *pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int put(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= size)
		return -ENOSPC;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, size - *pos, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= size - *pos)
		return -ENOSPC;
	*pos += (size_t)n;
	return 0;
}

/*
 * SNP: text byte i holds bits 63-8i..56-8i of TCB_VERSION, i.e. the u64's
 * byte 7-i in memory order. Milan/Genoa: bl=byte 0, tee=1, snp=6, ucode=7.
 * Turin: fmc=0, bl=1, tee=2, snp=3, ucode=7. Reserved bytes are shown
 * only when non-zero.
 */
static int snp_components(const struct tsm_tcb *t, enum tsm_snp_layout l,
			  char *buf, size_t size)
{
	static const char *const milan[8] = {
		"bl", "tee", NULL, NULL, NULL, NULL, "snp", "ucode" };
	static const char *const turin[8] = {
		"fmc", "bl", "tee", "snp", NULL, NULL, NULL, "ucode" };
	const char *const *names = l == TSM_SNP_LAYOUT_TURIN ? turin : milan;
	size_t pos = 0;
	int ret;

	buf[0] = '\0';
	for (int b = 0; b < 8; b++) {
		uint8_t v = t->bytes[7 - b];

		if (names[b])
			ret = put(buf, size, &pos, "%s%s=%u", pos ? " " : "",
				  names[b], v);
		else if (v)
			ret = put(buf, size, &pos, "%srsvd%d=%u",
				  pos ? " " : "", b, v);
		else
			ret = 0;
		if (ret)
			return ret;
	}
	return (int)pos;
}

/*
 * TDX module SVN (TEE_TCB_SVN layout): byte 0 TDX module minor SVN, byte
 * 1 TDX module major SVN, byte 2 SEAM loader (last patch) SVN, bytes 3..15
 * reserved (shown when non-zero); then CPUSVN, 16 bytes shown as hex.
 */
static int tdx_components(const struct tsm_tcb *t, char *buf, size_t size)
{
	char cpusvn[33];
	size_t pos = 0;
	int ret;

	ret = put(buf, size, &pos, "module_minor=%u module_major=%u seamldr=%u",
		  t->bytes[0], t->bytes[1], t->bytes[2]);
	for (int i = 3; !ret && i < 16; i++)
		if (t->bytes[i])
			ret = put(buf, size, &pos, " svn%d=%u", i, t->bytes[i]);
	if (!ret) {
		tsm_hex_encode(t->bytes + 16, 16, cpusvn, sizeof(cpusvn));
		ret = put(buf, size, &pos, " cpusvn=%s", cpusvn);
	}
	return ret ? ret : (int)pos;
}

int tsm_tcb_components(const struct tsm_tcb *tcb, enum tsm_snp_layout layout,
		       char *buf, size_t size)
{
	if (!tcb_valid(tcb) || !buf || size == 0)
		return -EINVAL;
	if (!strcmp(tcb->scheme, "snp") && tcb->len == 8)
		return snp_components(tcb, layout, buf, size);
	if (!strcmp(tcb->scheme, "tdx") && tcb->len == 32)
		return tdx_components(tcb, buf, size);
	return tsm_tcb_format(tcb, buf, size);
}

void tsm_evidence_set_tcb_text(struct tsm_evidence *ev)
{
	if (tsm_tcb_format(&ev->tcb, ev->tcb_text, sizeof(ev->tcb_text)) < 0)
		ev->tcb_text[0] = '\0';
}
