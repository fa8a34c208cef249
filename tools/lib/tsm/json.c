// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libtsm: the one JSON writer of the project's tools. Escaping and UTF-8
 * policy: tsm-util.h.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tsm-util.h"

#define JSON_DEPTH_MAX	32

struct tsm_json {
	FILE *f;
	unsigned int flags;
	int err;			/* first error, sticky */
	unsigned int depth;		/* open containers */
	bool done;			/* the top-level value is complete */
	char kind[JSON_DEPTH_MAX];	/* '{' or '[' per open container */
	unsigned long count[JSON_DEPTH_MAX];	/* members written */
};

/* ---- escaping -------------------------------------------------------- */

/*
 * Length of the valid UTF-8 sequence at @s (at most @n bytes) and its code
 * point in *@cp; 0 when the bytes there are not valid UTF-8 (overlong
 * forms, surrogates, beyond U+10FFFF, truncated, stray continuation).
 */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4, c &= 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static int put_u(FILE *f, uint32_t cp)
{
	return fprintf(f, "\\u%04" PRIx32, cp) < 0 ? -EIO : 0;
}

static int put_char(FILE *f, unsigned char c)
{
	switch (c) {
	case '"':  return fputs("\\\"", f) < 0 ? -EIO : 0;
	case '\\': return fputs("\\\\", f) < 0 ? -EIO : 0;
	case '\b': return fputs("\\b", f) < 0 ? -EIO : 0;
	case '\f': return fputs("\\f", f) < 0 ? -EIO : 0;
	case '\n': return fputs("\\n", f) < 0 ? -EIO : 0;
	case '\r': return fputs("\\r", f) < 0 ? -EIO : 0;
	case '\t': return fputs("\\t", f) < 0 ? -EIO : 0;
	default:
		if (c < 0x20 || c == 0x7f)
			return put_u(f, c);
		return fputc(c, f) == EOF ? -EIO : 0;
	}
}

int tsm_json_escape(FILE *f, const char *str, size_t len, unsigned int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	int ret = 0;

	if (!f || (!str && len))
		return -EINVAL;
	if (fputc('"', f) == EOF)
		return -EIO;
	for (size_t i = 0; i < len && !ret;) {
		uint32_t cp;
		size_t n = utf8_seq(s + i, len - i, &cp);

		if (n == 1) {
			ret = put_char(f, s[i]);
		} else if (n == 0) {
			ret = put_u(f, 0xfffd);
			n = 1;
		} else if (!(flags & TSM_JSON_ASCII)) {
			ret = fwrite(s + i, 1, n, f) == n ? 0 : -EIO;
		} else if (cp < 0x10000) {
			ret = put_u(f, cp);
		} else {
			cp -= 0x10000;
			ret = put_u(f, 0xd800 | cp >> 10);
			if (!ret)
				ret = put_u(f, 0xdc00 | (cp & 0x3ff));
		}
		i += n;
	}
	if (!ret && fputc('"', f) == EOF)
		ret = -EIO;
	return ret;
}

/* ---- structure ------------------------------------------------------- */

int tsm_json_new(FILE *f, unsigned int flags, struct tsm_json **out)
{
	struct tsm_json *j;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (!f || (flags & ~(TSM_JSON_PRETTY | TSM_JSON_ASCII)))
		return -EINVAL;
	j = calloc(1, sizeof(*j));
	if (!j)
		return -ENOMEM;
	j->f = f;
	j->flags = flags;
	*out = j;
	return 0;
}

static int set_err(struct tsm_json *j, int err)
{
	if (!j->err)
		j->err = err;
	return j->err;
}

static int newline(struct tsm_json *j)
{
	if (!(j->flags & TSM_JSON_PRETTY))
		return 0;
	if (fputc('\n', j->f) == EOF)
		return -EIO;
	for (unsigned int i = 0; i < j->depth; i++)
		if (fputs("  ", j->f) < 0)
			return -EIO;
	return 0;
}

/*
 * Everything a value needs before it: the checks, the comma, the
 * newline and indent, the key. Returns 0 or the (sticky) error.
 */
static int begin_value(struct tsm_json *j, const char *key)
{
	int ret;

	if (!j)
		return -EINVAL;
	if (j->err)
		return j->err;
	if (j->done)
		return set_err(j, -EINVAL);	/* a second top-level value */
	if (j->depth == 0) {
		if (key)
			return set_err(j, -EINVAL);
		return 0;
	}
	if ((j->kind[j->depth - 1] == '{') != !!key)
		return set_err(j, -EINVAL);
	if (j->count[j->depth - 1]++ && fputc(',', j->f) == EOF)
		return set_err(j, -EIO);
	ret = newline(j);
	if (!ret && key) {
		ret = tsm_json_escape(j->f, key, strlen(key), j->flags);
		if (!ret && fputs((j->flags & TSM_JSON_PRETTY) ? ": " : ":",
				  j->f) < 0)
			ret = -EIO;
	}
	return ret ? set_err(j, ret) : 0;
}

/* After a complete value: at depth 0 the document is done. */
static int end_value(struct tsm_json *j, int ret)
{
	if (ret)
		return set_err(j, ret);
	if (j->depth == 0)
		j->done = true;
	return 0;
}

static int open_container(struct tsm_json *j, const char *key, char kind)
{
	int ret = begin_value(j, key);

	if (ret)
		return ret;
	if (j->depth == JSON_DEPTH_MAX)
		return set_err(j, -E2BIG);
	if (fputc(kind, j->f) == EOF)
		return set_err(j, -EIO);
	j->kind[j->depth] = kind;
	j->count[j->depth] = 0;
	j->depth++;
	return 0;
}

static int close_container(struct tsm_json *j, char kind)
{
	int ret;

	if (!j)
		return -EINVAL;
	if (j->err)
		return j->err;
	if (j->depth == 0 || j->kind[j->depth - 1] != kind)
		return set_err(j, -EINVAL);
	j->depth--;
	ret = j->count[j->depth] ? newline(j) : 0;
	if (!ret && fputc(kind == '{' ? '}' : ']', j->f) == EOF)
		ret = -EIO;
	return end_value(j, ret);
}

int tsm_json_begin_object(struct tsm_json *j, const char *key)
{
	return open_container(j, key, '{');
}

int tsm_json_end_object(struct tsm_json *j)
{
	return close_container(j, '{');
}

int tsm_json_begin_array(struct tsm_json *j, const char *key)
{
	return open_container(j, key, '[');
}

int tsm_json_end_array(struct tsm_json *j)
{
	return close_container(j, '[');
}

static int raw(struct tsm_json *j, const char *key, const char *text)
{
	int ret = begin_value(j, key);

	if (ret)
		return ret;
	return end_value(j, fputs(text, j->f) < 0 ? -EIO : 0);
}

int tsm_json_string_n(struct tsm_json *j, const char *key, const char *s,
		      size_t len)
{
	int ret;

	if (!s && len)
		return j ? set_err(j, -EINVAL) : -EINVAL;
	ret = begin_value(j, key);
	if (ret)
		return ret;
	return end_value(j, tsm_json_escape(j->f, s ? s : "", len, j->flags));
}

int tsm_json_string(struct tsm_json *j, const char *key, const char *s)
{
	if (!s)
		return tsm_json_null(j, key);
	return tsm_json_string_n(j, key, s, strlen(s));
}

int tsm_json_hex(struct tsm_json *j, const char *key, const void *buf,
		 size_t len)
{
	int ret;

	if (!buf && len)
		return j ? set_err(j, -EINVAL) : -EINVAL;
	ret = begin_value(j, key);
	if (ret)
		return ret;
	if (fputc('"', j->f) == EOF)
		return set_err(j, -EIO);
	ret = tsm_hex_fputs(j->f, buf, len);
	if (!ret && fputc('"', j->f) == EOF)
		ret = -EIO;
	return end_value(j, ret);
}

int tsm_json_uint(struct tsm_json *j, const char *key, uint64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRIu64, v);
	return raw(j, key, num);
}

int tsm_json_int(struct tsm_json *j, const char *key, int64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRId64, v);
	return raw(j, key, num);
}

int tsm_json_bool(struct tsm_json *j, const char *key, bool v)
{
	return raw(j, key, v ? "true" : "false");
}

int tsm_json_null(struct tsm_json *j, const char *key)
{
	return raw(j, key, "null");
}

int tsm_json_finish(struct tsm_json *j)
{
	int ret;

	if (!j)
		return -EINVAL;
	ret = j->err;
	if (!ret && (j->depth || !j->done))
		ret = -EINVAL;
	if (!ret && fputc('\n', j->f) == EOF)
		ret = -EIO;
	if (!ret && (fflush(j->f) || ferror(j->f)))
		ret = -EIO;
	free(j);
	return ret;
}
