/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtsm utilities shared by tsm-watchdog's own tools (tsm-report,
 * tcb-renewd): one hex codec and one JSON writer, so that every tool
 * writes hex and escapes JSON strings the same way.
 *
 * This header is not part of the evidence API in tsm.h: it is for the
 * project's tools, compiled into the same static libtsm.a, and may change
 * with them. Conventions as in tsm.h: 0 or a count on success, a negative
 * errno on failure, the library never prints except to the stream it is
 * given.
 */
#ifndef TSM_UTIL_H
#define TSM_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Hex                                                                      */
/* ------------------------------------------------------------------------ */

/**
 * tsm_hex_encode() - lowercase hex of @len bytes, NUL-terminated
 * @buf: the bytes (may be NULL when @len is 0)
 * @out: receives 2 * @len digits and a NUL
 * @size: size of @out; must be at least 2 * @len + 1
 *
 * Returns 2 * @len, or -EINVAL (NULL @out, or NULL @buf with @len > 0),
 * -EOVERFLOW (2 * @len + 1 does not fit a size_t or the result an int),
 * -ENOSPC (@size too small; @out is then set to "" when @size > 0).
 */
int tsm_hex_encode(const void *buf, size_t len, char *out, size_t size);

/* tsm_hex_decode() flags */
#define TSM_HEX_LOWER	(1u << 0)	/* refuse 'A'..'F' (text forms) */

/**
 * tsm_hex_decode() - bytes from exactly @hexlen hex digits
 * @hex: the digits; nothing else is accepted (no "0x", no spaces, no
 *	newline). A NUL inside the first @hexlen characters is a bad digit.
 * @hexlen: number of characters; must be even
 * @out: receives @hexlen / 2 bytes; untouched on error
 * @size: size of @out
 * @flags: TSM_HEX_LOWER to refuse uppercase digits
 *
 * Returns the number of bytes (@hexlen / 2), or -EINVAL (NULL, odd
 * @hexlen, a character that is not a hex digit), -EOVERFLOW (the count
 * does not fit an int), -ENOSPC (more bytes than @size).
 */
int tsm_hex_decode(const char *hex, size_t hexlen, void *out, size_t size,
		   unsigned int flags);

/** tsm_hex_decode_str() - tsm_hex_decode() of a NUL-terminated string. */
int tsm_hex_decode_str(const char *hex, void *out, size_t size,
		       unsigned int flags);

/** tsm_hex_fputs() - write lowercase hex of @len bytes to @f.
 *  Returns 0 or -EIO (the stream reported an error). */
int tsm_hex_fputs(FILE *f, const void *buf, size_t len);

/* ------------------------------------------------------------------------ */
/* JSON writer                                                              */
/* ------------------------------------------------------------------------ */

/*
 * A streaming writer of one JSON value (normally an object) to a FILE.
 * Members are written in call order; the writer inserts commas, checks
 * nesting and escapes every string the same way:
 *  - '"' and '\\' as \" and \\; \b \f \n \r \t by their short escapes;
 *    every other byte below 0x20, and 0x7f, as \u00XX;
 *  - valid UTF-8 (shortest form, no surrogates, <= U+10FFFF) is copied
 *    as it is (with TSM_JSON_ASCII: as \uXXXX, surrogate pairs above
 *    U+FFFF);
 *  - every byte that is not part of valid UTF-8 becomes \ufffd (U+FFFD,
 *    the replacement character), so the output is always valid JSON and
 *    valid UTF-8 whatever the input (sysfs values, file names, logs).
 * Binary data is written with tsm_json_hex(), never as a string.
 *
 * Errors are sticky: after the first error (misuse such as a member
 * without a key inside an object, a stream error) later calls do nothing
 * and return that error; tsm_json_finish() returns it too, so a caller
 * may check only there.
 */
struct tsm_json;

/* tsm_json_new() flags */
#define TSM_JSON_PRETTY	(1u << 0)	/* newlines, two-space indent */
#define TSM_JSON_ASCII	(1u << 1)	/* escape all non-ASCII as \uXXXX */

/**
 * tsm_json_new() - start a JSON writer on @f
 * @f: the stream (not closed by the writer)
 * @flags: TSM_JSON_* bits
 * @out: receives the writer
 * Returns 0, -EINVAL (NULL @f or @out, unknown flag), -ENOMEM.
 */
int tsm_json_new(FILE *f, unsigned int flags, struct tsm_json **out);

/**
 * tsm_json_finish() - end the document and free the writer
 *
 * Writes a final newline when the top-level value is complete.
 * Returns 0, the writer's first error, -EINVAL when a container is still
 * open or nothing was written, or -EIO when the stream reports an error
 * (fflush() included). Accepts NULL (returns -EINVAL).
 */
int tsm_json_finish(struct tsm_json *j);

/*
 * Members. @key is the member name inside an object and must be NULL at
 * the top level and inside an array (-EINVAL otherwise). Keys are
 * escaped like strings. Each returns 0 or the writer's error.
 */
int tsm_json_begin_object(struct tsm_json *j, const char *key);
int tsm_json_end_object(struct tsm_json *j);
int tsm_json_begin_array(struct tsm_json *j, const char *key);
int tsm_json_end_array(struct tsm_json *j);
/** A string; NULL @s writes null. */
int tsm_json_string(struct tsm_json *j, const char *key, const char *s);
/** A string of @len bytes (may contain NUL, written as \u0000). */
int tsm_json_string_n(struct tsm_json *j, const char *key, const char *s,
		      size_t len);
/** Lowercase hex of @len bytes as a string ("" when @len is 0). */
int tsm_json_hex(struct tsm_json *j, const char *key, const void *buf,
		 size_t len);
int tsm_json_uint(struct tsm_json *j, const char *key, uint64_t v);
int tsm_json_int(struct tsm_json *j, const char *key, int64_t v);
int tsm_json_bool(struct tsm_json *j, const char *key, bool v);
int tsm_json_null(struct tsm_json *j, const char *key);

/**
 * tsm_json_escape() - write @len bytes of @s as a quoted JSON string to @f
 *	(the escaping described above), for a caller that writes its own
 *	structure. Returns 0 or -EIO.
 */
int tsm_json_escape(FILE *f, const char *s, size_t len, unsigned int flags);

#ifdef __cplusplus
}
#endif

#endif /* TSM_UTIL_H */
