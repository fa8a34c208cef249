// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libtsm: attestation reports through configfs-tsm.
 *
 * One request = one report item: mkdir a uniquely named directory under the
 * root, write the attributes (each write bumps the item's "generation"),
 * read "generation", the blobs and "provider", read "generation" again,
 * rmdir. A generation different from the number of our own writes means
 * another process wrote to the item: the attempt is thrown away and the
 * request retried. The item is removed on every path.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define NAME_TRIES	8
#define PROVIDER_MAX	64

struct blob {
	uint8_t *data;
	size_t len;
};

struct tsm_report {
	unsigned int refcount;
	char provider[PROVIDER_MAX + 1];
	struct blob out, aux, manifest;
	uint8_t nonce[TSM_INBLOB_MAX];
	size_t nonce_len;
	uint64_t generation;
	unsigned int attempts;
};

/* An item being used: its path and how many writes we made to it. */
struct item {
	char path[PATH_MAX];
	unsigned int writes;
};

static int attr_path(const struct item *it, const char *attr, char *buf)
{
	int n = snprintf(buf, PATH_MAX, "%s/%s", it->path, attr);

	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

/*
 * Write @len bytes to @attr in one write(); configfs binary attributes
 * commit on close(), so its result counts too.
 */
static int write_attr(const struct tsm_ctx *ctx, struct item *it,
		      const char *attr, const void *data, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd, ret;

	ret = attr_path(it, attr, path);
	if (ret)
		return ret;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		tsm_err(ctx, "open %s: %s", path, tsm_errstr(ret));
		return ret;
	}
	do {
		n = write(fd, data, len);
	} while (n < 0 && errno == EINTR);
	ret = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	if (close(fd) && !ret)
		ret = -errno;
	if (ret) {
		tsm_err(ctx, "write %s: %s", path, tsm_errstr(ret));
		return ret;
	}
	it->writes++;
	return 0;
}

/*
 * Read all of @attr into a new buffer (NUL-terminated for convenience,
 * not counted in *@len). -ENOENT when the attribute does not exist,
 * TSM_E_TOOBIG beyond TSM_BLOB_MAX.
 */
static int read_attr(const struct tsm_ctx *ctx, const struct item *it,
		     const char *attr, struct blob *out)
{
	char path[PATH_MAX];
	uint8_t *buf;
	size_t len = 0;
	ssize_t n;
	int fd, ret;

	ret = attr_path(it, attr, path);
	if (ret)
		return ret;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		if (ret != -ENOENT)
			tsm_err(ctx, "open %s: %s", path, tsm_errstr(ret));
		return ret;
	}
	buf = malloc(TSM_BLOB_MAX + 2);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		n = read(fd, buf + len, TSM_BLOB_MAX + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len > TSM_BLOB_MAX)
			break;
	}
	ret = n < 0 ? -errno : 0;
	close(fd);
	if (!ret && len > TSM_BLOB_MAX)
		ret = TSM_E_TOOBIG;
	if (ret) {
		tsm_err(ctx, "read %s: %s", path, tsm_strerror(ret));
		free(buf);
		return ret;
	}
	buf[len] = '\0';
	out->data = realloc(buf, len + 1);
	if (!out->data)
		out->data = buf;
	out->len = len;
	return 0;
}

static void blob_free(struct blob *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
}

/* Strict "<decimal>\n?" of "generation". */
static int read_generation(const struct tsm_ctx *ctx, const struct item *it,
			   uint64_t *gen)
{
	struct blob b = { 0 };
	uint64_t v = 0;
	size_t i, n;
	int ret;

	ret = read_attr(ctx, it, "generation", &b);
	if (ret)
		return ret;
	n = b.len;
	if (n && b.data[n - 1] == '\n')
		n--;
	ret = n == 0 || n > 19 ? TSM_E_MALFORMED : 0;
	for (i = 0; !ret && i < n; i++) {
		if (b.data[i] < '0' || b.data[i] > '9')
			ret = TSM_E_MALFORMED;
		else
			v = v * 10 + (uint64_t)(b.data[i] - '0');
	}
	blob_free(&b);
	if (ret) {
		tsm_err(ctx, "%s/generation: not a number", it->path);
		return ret;
	}
	*gen = v;
	return 0;
}

static int read_provider(const struct tsm_ctx *ctx, const struct item *it,
			 char provider[PROVIDER_MAX + 1])
{
	struct blob b = { 0 };
	size_t n;
	int ret;

	ret = read_attr(ctx, it, "provider", &b);
	if (ret)
		return ret;
	n = b.len;
	if (n && b.data[n - 1] == '\n')
		n--;
	if (n == 0 || n > PROVIDER_MAX || memchr(b.data, '\0', n)) {
		blob_free(&b);
		tsm_err(ctx, "%s/provider: malformed", it->path);
		return TSM_E_MALFORMED;
	}
	memcpy(provider, b.data, n);
	provider[n] = '\0';
	blob_free(&b);
	return 0;
}

static int read_optional(const struct tsm_ctx *ctx, const struct item *it,
			 const char *attr, struct blob *out)
{
	int ret = read_attr(ctx, it, attr, out);

	return ret == -ENOENT ? 0 : ret;
}

static uint64_t random_u64(void)
{
	uint64_t v;
	struct timespec ts;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) == (ssize_t)sizeof(v))
		return v;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^
	       (uint64_t)(uintptr_t)&ts;
}

static int item_create(const struct tsm_ctx *ctx, struct item *it)
{
	int n, ret = -EEXIST;

	for (int i = 0; i < NAME_TRIES && ret == -EEXIST; i++) {
		n = snprintf(it->path, sizeof(it->path), "%s/libtsm-%ld-%016" PRIx64,
			     ctx->root, (long)getpid(), random_u64());
		if (n < 0 || (size_t)n >= sizeof(it->path))
			return -ENAMETOOLONG;
		ret = mkdir(it->path, 0700) ? -errno : 0;
	}
	if (ret)
		tsm_err(ctx, "mkdir %s: %s", it->path, tsm_errstr(ret));
	else
		tsm_dbg(ctx, "created %s", it->path);
	it->writes = 0;
	return ret;
}

static void item_remove(const struct tsm_ctx *ctx, const struct item *it)
{
	if (rmdir(it->path))
		tsm_warn(ctx, "rmdir %s: %s", it->path, tsm_errstr(errno));
	else
		tsm_dbg(ctx, "removed %s", it->path);
}

/* Writes, then reads, with the generation check; 1 = raced, retry. */
static int attempt_io(const struct tsm_ctx *ctx, struct item *it,
		      const struct tsm_report_opts *o, struct tsm_report *r)
{
	uint64_t gen;
	char num[16];
	int ret;

	if (o->privlevel >= 0) {
		snprintf(num, sizeof(num), "%d", o->privlevel);
		ret = write_attr(ctx, it, "privlevel", num, strlen(num));
		if (ret)
			return ret;
	}
	if (o->service_provider) {
		ret = write_attr(ctx, it, "service_provider", o->service_provider,
				 strlen(o->service_provider));
		if (ret)
			return ret;
	}
	ret = write_attr(ctx, it, "inblob", r->nonce, r->nonce_len);
	if (ret)
		return ret;

	ret = read_generation(ctx, it, &gen);
	if (ret)
		return ret;
	if (gen != it->writes)
		goto raced;
	ret = read_attr(ctx, it, "outblob", &r->out);
	if (!ret && (o->flags & TSM_REPORT_AUXBLOB))
		ret = read_optional(ctx, it, "auxblob", &r->aux);
	if (!ret && (o->flags & TSM_REPORT_MANIFESTBLOB))
		ret = read_optional(ctx, it, "manifestblob", &r->manifest);
	if (!ret)
		ret = read_provider(ctx, it, r->provider);
	if (!ret)
		ret = read_generation(ctx, it, &gen);
	if (ret)
		return ret;
	if (gen != it->writes)
		goto raced;
	r->generation = gen;
	return 0;
raced:
	tsm_info(ctx, "%s: generation %" PRIu64 " after %u writes: racing writer",
		 it->path, gen, it->writes);
	return 1;
}

int tsm_report_new(struct tsm_ctx *ctx, const void *nonce, size_t nonce_len,
		   const struct tsm_report_opts *opts, struct tsm_report **out)
{
	static const struct tsm_report_opts defaults = { .privlevel = -1 };
	struct tsm_report *r;
	struct item it;
	int ret = TSM_E_RACE;

	if (!out)
		return -EINVAL;
	*out = NULL;
	if (!ctx || !nonce || nonce_len == 0 || nonce_len > TSM_INBLOB_MAX)
		return -EINVAL;
	if (!opts)
		opts = &defaults;
	if (opts->flags & ~(TSM_REPORT_AUXBLOB | TSM_REPORT_MANIFESTBLOB))
		return -EINVAL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return -ENOMEM;
	r->refcount = 1;
	memcpy(r->nonce, nonce, nonce_len);
	r->nonce_len = nonce_len;

	for (unsigned int i = 0; i <= ctx->max_retries; i++) {
		r->attempts = i + 1;
		ret = item_create(ctx, &it);
		if (ret)
			break;
		ret = attempt_io(ctx, &it, opts, r);
		item_remove(ctx, &it);
		if (ret <= 0)
			break;
		blob_free(&r->out);
		blob_free(&r->aux);
		blob_free(&r->manifest);
		ret = TSM_E_RACE;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000L * (i + 1) },
			  NULL);
	}
	if (ret) {
		if (ret == TSM_E_RACE)
			tsm_err(ctx, "report: racing writer in all %u attempts",
				r->attempts);
		tsm_report_unref(r);
		return ret;
	}
	*out = r;
	return 0;
}

struct tsm_report *tsm_report_ref(struct tsm_report *r)
{
	if (r)
		r->refcount++;
	return r;
}

struct tsm_report *tsm_report_unref(struct tsm_report *r)
{
	if (!r || --r->refcount > 0)
		return NULL;
	blob_free(&r->out);
	blob_free(&r->aux);
	blob_free(&r->manifest);
	free(r);
	return NULL;
}

const char *tsm_report_get_provider(const struct tsm_report *r)
{
	return r ? r->provider : NULL;
}

static const uint8_t *blob_get(const struct blob *b, size_t *len)
{
	if (len)
		*len = b->len;
	return b->len ? b->data : NULL;
}

const uint8_t *tsm_report_get_outblob(const struct tsm_report *r, size_t *len)
{
	if (!r) {
		if (len)
			*len = 0;
		return NULL;
	}
	return blob_get(&r->out, len);
}

const uint8_t *tsm_report_get_auxblob(const struct tsm_report *r, size_t *len)
{
	if (!r) {
		if (len)
			*len = 0;
		return NULL;
	}
	return blob_get(&r->aux, len);
}

const uint8_t *tsm_report_get_manifestblob(const struct tsm_report *r,
					   size_t *len)
{
	if (!r) {
		if (len)
			*len = 0;
		return NULL;
	}
	return blob_get(&r->manifest, len);
}

const uint8_t *tsm_report_get_nonce(const struct tsm_report *r, size_t *len)
{
	if (len)
		*len = r ? r->nonce_len : 0;
	return r ? r->nonce : NULL;
}

uint64_t tsm_report_get_generation(const struct tsm_report *r)
{
	return r ? r->generation : 0;
}

unsigned int tsm_report_get_attempts(const struct tsm_report *r)
{
	return r ? r->attempts : 0;
}
