// SPDX-License-Identifier: GPL-2.0-only
/*
 * libtsm unit tests: the configfs-tsm report API against a fake configfs
 * tree in a temporary directory.
 *
 * The library only ever mkdir()s an item, opens/reads/writes its
 * attribute files and rmdir()s it. This test links with
 * -Wl,--wrap=mkdir,--wrap=rmdir,--wrap=read,--wrap=write so that, below
 * the fake root only, the item directory behaves like configfs-tsm:
 *  - mkdir populates the attribute files (provider, generation, outblob,
 *    optional auxblob / manifestblob / service_provider, inblob, privlevel);
 *  - every write to inblob / privlevel / service_provider bumps
 *    "generation", as the kernel's write_generation does;
 *  - rmdir records what was written, deletes the files, removes the dir;
 *  - a "racing writer" bumps generation once more, either right after our
 *    inblob write or while outblob is being read;
 *  - outblob reads can be made to fail with an errno (provider failure).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>
#include <cmocka.h>

#include "../tsm.h"
#include "fixtures.h"

int __real_mkdir(const char *path, mode_t mode);
int __real_rmdir(const char *path);
ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __real_write(int fd, const void *buf, size_t n);
int __wrap_mkdir(const char *path, mode_t mode);
int __wrap_rmdir(const char *path);
ssize_t __wrap_read(int fd, void *buf, size_t n);
ssize_t __wrap_write(int fd, const void *buf, size_t n);

#define MAX_NAMES 16

static struct fake {
	char root[PATH_MAX];
	/* what mkdir puts into a new item */
	const char *provider;
	const char *generation;		/* NULL: "0\n" */
	const uint8_t *outblob;		/* NULL: no outblob file */
	size_t outblob_len;
	const uint8_t *auxblob;
	size_t auxblob_len;
	bool service_provider;
	bool inblob_is_dir;
	/* behaviour */
	int race_after_write;		/* attempts with a racing inblob write */
	int race_during_read;		/* attempts with a write during outblob read */
	int outblob_errno;
	/* observations */
	char names[MAX_NAMES][PATH_MAX];
	int mkdirs, rmdirs;
	uint8_t inblob[128];
	size_t inblob_len;
	char privlevel[32];
	char service[32];
	char raced_item[PATH_MAX];
} fk;

static uint8_t snp_blob[FX_SNP_SIZE];

static bool under_root(const char *path)
{
	size_t n = strlen(fk.root);

	return fk.root[0] && !strncmp(path, fk.root, n) && path[n] == '/';
}

static void put_file(const char *dir, const char *name, const void *data,
		     size_t len)
{
	char p[PATH_MAX];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	assert_non_null(f);
	if (len)
		assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static size_t get_file(const char *dir, const char *name, void *buf,
		       size_t size)
{
	char p[PATH_MAX];
	FILE *f;
	size_t n;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, size, f);
	fclose(f);
	return n;
}

static void bump_generation(const char *dir)
{
	char buf[32] = { 0 }, *end;
	unsigned long g;

	get_file(dir, "generation", buf, sizeof(buf) - 1);
	g = strtoul(buf, &end, 10);
	if (end == buf || *end != '\n' || end - buf > 12)
		return;		/* a test made it garbage on purpose */
	snprintf(buf, sizeof(buf), "%lu\n", g + 1);
	put_file(dir, "generation", buf, strlen(buf));
}

int __wrap_mkdir(const char *path, mode_t mode)
{
	const char *gen = fk.generation ? fk.generation : "0\n";

	if (__real_mkdir(path, mode))
		return -1;
	if (!under_root(path))
		return 0;
	if (fk.mkdirs < MAX_NAMES)
		snprintf(fk.names[fk.mkdirs], PATH_MAX, "%s", path);
	fk.mkdirs++;
	put_file(path, "provider", fk.provider, strlen(fk.provider));
	put_file(path, "generation", gen, strlen(gen));
	put_file(path, "privlevel", "0\n", 2);
	if (fk.inblob_is_dir) {
		char p[PATH_MAX];

		snprintf(p, sizeof(p), "%s/inblob", path);
		assert_int_equal(__real_mkdir(p, 0700), 0);
	} else {
		put_file(path, "inblob", "", 0);
	}
	if (fk.outblob)
		put_file(path, "outblob", fk.outblob, fk.outblob_len);
	if (fk.auxblob)
		put_file(path, "auxblob", fk.auxblob, fk.auxblob_len);
	if (fk.service_provider)
		put_file(path, "service_provider", "", 0);
	return 0;
}

int __wrap_rmdir(const char *path)
{
	DIR *d;
	struct dirent *e;
	char p[PATH_MAX];

	if (!under_root(path))
		return __real_rmdir(path);
	fk.rmdirs++;
	memset(fk.inblob, 0, sizeof(fk.inblob));
	fk.inblob_len = get_file(path, "inblob", fk.inblob, sizeof(fk.inblob));
	memset(fk.privlevel, 0, sizeof(fk.privlevel));
	get_file(path, "privlevel", fk.privlevel, sizeof(fk.privlevel) - 1);
	memset(fk.service, 0, sizeof(fk.service));
	get_file(path, "service_provider", fk.service, sizeof(fk.service) - 1);
	d = opendir(path);
	if (!d)
		return __real_rmdir(path);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
		if (unlink(p))
			__real_rmdir(p);
	}
	closedir(d);
	return __real_rmdir(path);
}

/* Path of @fd if it is an attribute below the fake root: its item dir. */
static bool fd_attr(int fd, char *item, const char **attr)
{
	static char path[PATH_MAX];
	char link[64];
	ssize_t n;
	char *slash;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n <= 0)
		return false;
	path[n] = '\0';
	if (!under_root(path))
		return false;
	slash = strrchr(path, '/');
	*attr = slash + 1;
	memcpy(item, path, (size_t)(slash - path));
	item[slash - path] = '\0';
	return true;
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	char item[PATH_MAX];
	const char *attr;
	ssize_t ret;

	if (!fd_attr(fd, item, &attr))
		return __real_write(fd, buf, n);
	/* a configfs store replaces the value */
	assert_int_equal(ftruncate(fd, 0), 0);
	ret = __real_write(fd, buf, n);
	if (ret < 0)
		return ret;
	if (!strcmp(attr, "inblob") || !strcmp(attr, "privlevel") ||
	    !strcmp(attr, "service_provider")) {
		bump_generation(item);
		if (!strcmp(attr, "inblob") && fk.race_after_write > 0) {
			fk.race_after_write--;
			bump_generation(item);
		}
	}
	return ret;
}

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	char item[PATH_MAX];
	const char *attr;

	if (!fd_attr(fd, item, &attr) || strcmp(attr, "outblob"))
		return __real_read(fd, buf, n);
	if (fk.outblob_errno) {
		errno = fk.outblob_errno;
		return -1;
	}
	if (fk.race_during_read > 0 && strcmp(fk.raced_item, item)) {
		fk.race_during_read--;
		snprintf(fk.raced_item, sizeof(fk.raced_item), "%s", item);
		bump_generation(item);
	}
	return __real_read(fd, buf, n);
}

static int dir_entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static int setup(void **state)
{
	struct tsm_ctx *ctx;

	memset(&fk, 0, sizeof(fk));
	snprintf(fk.root, sizeof(fk.root), "%s/libtsm-test-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(fk.root))
		return -1;
	fk.provider = "tsm_wd_sim\n";
	fx_snp(snp_blob, 3, 0x19);
	fk.outblob = snp_blob;
	fk.outblob_len = sizeof(snp_blob);
	if (tsm_ctx_new(&ctx) || tsm_ctx_set_configfs_root(ctx, fk.root))
		return -1;
	*state = ctx;
	return 0;
}

static int teardown(void **state)
{
	int left = dir_entries(fk.root);

	tsm_ctx_unref(*state);
	rmdir(fk.root);
	/* every test must leave the fake root empty: items always removed */
	return left == 0 ? 0 : -1;
}

static const uint8_t nonce32[32] = {
	0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
	13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28 };

static void report_ok(void **state)
{
	struct tsm_report *r = NULL;
	struct tsm_evidence ev;
	const uint8_t *p;
	size_t len;

	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	assert_non_null(r);
	assert_string_equal(tsm_report_get_provider(r), "tsm_wd_sim");
	p = tsm_report_get_outblob(r, &len);
	assert_int_equal(len, FX_SNP_SIZE);
	assert_memory_equal(p, snp_blob, FX_SNP_SIZE);
	assert_null(tsm_report_get_auxblob(r, &len));
	assert_int_equal(len, 0);
	assert_null(tsm_report_get_manifestblob(r, &len));
	assert_int_equal(tsm_report_get_generation(r), 1);
	assert_int_equal(tsm_report_get_attempts(r), 1);
	p = tsm_report_get_nonce(r, &len);
	assert_int_equal(len, 32);
	assert_memory_equal(p, nonce32, 32);
	/* what the "kernel" saw */
	assert_int_equal(fk.mkdirs, 1);
	assert_int_equal(fk.rmdirs, 1);
	assert_int_equal(fk.inblob_len, 32);
	assert_memory_equal(fk.inblob, nonce32, 32);
	assert_string_equal(fk.privlevel, "0\n");	/* untouched */
	assert_int_equal(strncmp(fk.names[0], fk.root, strlen(fk.root)), 0);
	assert_int_equal(dir_entries(fk.root), 0);
	p = tsm_report_get_outblob(r, &len);
	assert_int_equal(tsm_evidence_parse_provider(tsm_report_get_provider(r),
						     p, len, &ev), 0);
	assert_string_equal(ev.tcb_text, "snp:d315000000000004");
	assert_ptr_equal(tsm_report_ref(r), r);
	assert_null(tsm_report_unref(r));
	assert_string_equal(tsm_report_get_provider(r), "tsm_wd_sim");
	assert_null(tsm_report_unref(r));
	assert_null(tsm_report_unref(NULL));
}

static void report_unique_names(void **state)
{
	struct tsm_report *r;

	for (int i = 0; i < 4; i++) {
		assert_int_equal(tsm_report_new(*state, nonce32, 1, NULL, &r), 0);
		tsm_report_unref(r);
	}
	assert_int_equal(fk.mkdirs, 4);
	for (int i = 0; i < 4; i++)
		for (int j = i + 1; j < 4; j++)
			assert_string_not_equal(fk.names[i], fk.names[j]);
}

static void report_privlevel_aux(void **state)
{
	static const uint8_t aux[] = "certificate table";
	struct tsm_report_opts o = {
		.privlevel = 2,
		.flags = TSM_REPORT_AUXBLOB | TSM_REPORT_MANIFESTBLOB,
	};
	struct tsm_report *r;
	const uint8_t *p;
	size_t len;

	fk.auxblob = aux;
	fk.auxblob_len = sizeof(aux);
	assert_int_equal(tsm_report_new(*state, nonce32, 64 > 32 ? 32 : 64, &o,
					&r), 0);
	assert_string_equal(fk.privlevel, "2");
	assert_int_equal(tsm_report_get_generation(r), 2);
	p = tsm_report_get_auxblob(r, &len);
	assert_int_equal(len, sizeof(aux));
	assert_memory_equal(p, aux, sizeof(aux));
	/* provider has no manifestblob: empty, not an error */
	assert_null(tsm_report_get_manifestblob(r, &len));
	assert_int_equal(len, 0);
	tsm_report_unref(r);
}

static void report_service_provider(void **state)
{
	struct tsm_report_opts o = { .privlevel = -1, .service_provider = "svsm" };
	struct tsm_report *r;

	fk.service_provider = true;
	assert_int_equal(tsm_report_new(*state, nonce32, 64 > 8 ? 8 : 64, &o,
					&r), 0);
	assert_string_equal(fk.service, "svsm");
	assert_int_equal(tsm_report_get_generation(r), 2);
	tsm_report_unref(r);
	/* a kernel without the attribute */
	fk.service_provider = false;
	assert_int_equal(tsm_report_new(*state, nonce32, 8, &o, &r), -ENOENT);
	assert_null(r);
}

static void report_race_then_ok(void **state)
{
	struct tsm_report *r;

	assert_int_equal(tsm_ctx_set_max_retries(*state, 3), 0);
	fk.race_after_write = 2;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	assert_int_equal(tsm_report_get_attempts(r), 3);
	assert_int_equal(tsm_report_get_generation(r), 1);
	assert_int_equal(fk.mkdirs, 3);
	assert_int_equal(fk.rmdirs, 3);
	tsm_report_unref(r);
}

static void report_race_during_read(void **state)
{
	struct tsm_report *r;
	size_t len;

	fk.race_during_read = 1;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	assert_int_equal(tsm_report_get_attempts(r), 2);
	assert_non_null(tsm_report_get_outblob(r, &len));
	assert_int_equal(len, FX_SNP_SIZE);
	assert_int_equal(fk.rmdirs, 2);
	tsm_report_unref(r);
}

static void report_race_forever(void **state)
{
	struct tsm_report *r = (void *)1;

	assert_int_equal(tsm_ctx_set_max_retries(*state, 2), 0);
	fk.race_during_read = 100;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_RACE);
	assert_null(r);
	assert_int_equal(fk.mkdirs, 3);
	assert_int_equal(fk.rmdirs, 3);

	memset(fk.names, 0, sizeof(fk.names));
	fk.mkdirs = fk.rmdirs = 0;
	assert_int_equal(tsm_ctx_set_max_retries(*state, 0), 0);
	fk.race_after_write = 1;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_RACE);
	assert_int_equal(fk.mkdirs, 1);
	assert_int_equal(fk.rmdirs, 1);
}

static void report_provider_errors(void **state)
{
	struct tsm_report *r;

	fk.outblob_errno = EIO;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), -EIO);
	assert_int_equal(fk.rmdirs, 1);
	fk.outblob_errno = ENXIO;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), -ENXIO);
	assert_int_equal(fk.rmdirs, 2);
	fk.outblob_errno = 0;
	fk.outblob = NULL;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), -ENOENT);
	assert_int_equal(fk.rmdirs, 3);
	assert_null(r);
}

static void report_bad_attributes(void **state)
{
	struct tsm_report *r;

	fk.generation = "x\n";
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_MALFORMED);
	fk.generation = "\n";
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_MALFORMED);
	fk.generation = "99999999999999999999999\n";
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_MALFORMED);
	fk.generation = NULL;
	fk.provider = "\n";
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_MALFORMED);
	fk.provider = "tsm_wd_sim\n";
	fk.inblob_is_dir = true;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), -EISDIR);
	assert_int_equal(fk.mkdirs, 5);
	assert_int_equal(fk.rmdirs, 5);
}

static void report_blob_sizes(void **state)
{
	static uint8_t big[TSM_BLOB_MAX + 1];
	struct tsm_report *r;
	size_t len;

	memset(big, 0x42, sizeof(big));
	fk.outblob = big;
	fk.outblob_len = TSM_BLOB_MAX;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	assert_non_null(tsm_report_get_outblob(r, &len));
	assert_int_equal(len, TSM_BLOB_MAX);
	tsm_report_unref(r);
	fk.outblob_len = TSM_BLOB_MAX + 1;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_TOOBIG);
	fk.outblob_len = 0;	/* empty outblob file */
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	assert_null(tsm_report_get_outblob(r, &len));
	assert_int_equal(len, 0);
	tsm_report_unref(r);
}

static void report_bad_args(void **state)
{
	struct tsm_report_opts o = { .privlevel = -1, .flags = 0x80 };
	uint8_t n65[65] = { 0 };
	struct tsm_report *r = (void *)1;

	assert_int_equal(tsm_report_new(*state, n65, 0, NULL, &r), -EINVAL);
	assert_null(r);
	assert_int_equal(tsm_report_new(*state, n65, 65, NULL, &r), -EINVAL);
	assert_int_equal(tsm_report_new(*state, NULL, 4, NULL, &r), -EINVAL);
	assert_int_equal(tsm_report_new(NULL, n65, 4, NULL, &r), -EINVAL);
	assert_int_equal(tsm_report_new(*state, n65, 4, &o, &r), -EINVAL);
	assert_int_equal(tsm_report_new(*state, n65, 4, NULL, NULL), -EINVAL);
	assert_int_equal(fk.mkdirs, 0);
	assert_int_equal(tsm_report_new(*state, n65, 64, NULL, &r), 0);
	tsm_report_unref(r);
}

static void report_no_root(void **state)
{
	char missing[PATH_MAX + 16];
	struct tsm_report *r;

	snprintf(missing, sizeof(missing), "%s/nonexistent", fk.root);
	assert_int_equal(tsm_ctx_set_configfs_root(*state, missing), 0);
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), -ENOENT);
	assert_int_equal(fk.mkdirs, 0);
}

struct logbook {
	int count;
	int max_prio;
	char last[256];
};

static void log_cb(void *data, int prio, const char *file, int line,
		   const char *fn, const char *fmt, va_list ap)
{
	struct logbook *lb = data;

	assert_non_null(file);
	assert_true(line > 0);
	assert_non_null(fn);
	lb->count++;
	if (prio > lb->max_prio)
		lb->max_prio = prio;
	vsnprintf(lb->last, sizeof(lb->last), fmt, ap);
}

static void logging(void **state)
{
	struct logbook lb = { 0 };
	struct tsm_report *r;

	tsm_ctx_set_log_fn(*state, log_cb, &lb);
	assert_int_equal(tsm_ctx_get_log_priority(*state), LOG_ERR);
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	tsm_report_unref(r);
	assert_int_equal(lb.count, 0);		/* success logs nothing at ERR */
	fk.outblob_errno = EIO;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), -EIO);
	assert_true(lb.count >= 1);
	assert_non_null(strstr(lb.last, "outblob"));
	fk.outblob_errno = 0;
	lb.count = 0;
	tsm_ctx_set_log_priority(*state, LOG_DEBUG);
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	tsm_report_unref(r);
	assert_true(lb.count >= 2);		/* created + removed */
	assert_int_equal(lb.max_prio, LOG_DEBUG);
	tsm_ctx_set_log_fn(*state, NULL, NULL);
	lb.count = 0;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	tsm_report_unref(r);
	assert_int_equal(lb.count, 0);
}

/* Without a log callback the library writes nothing to stdout/stderr. */
static void never_prints(void **state)
{
	char path[PATH_MAX + 8];
	struct tsm_report *r;
	struct tsm_evidence ev;
	struct stat st;
	int fd, saved_out, saved_err;

	snprintf(path, sizeof(path), "%s.out", fk.root);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	assert_true(saved_out >= 0 && saved_err >= 0);
	assert_true(dup2(fd, 1) == 1 && dup2(fd, 2) == 2);
	tsm_ctx_set_log_priority(*state, LOG_DEBUG);	/* no callback set */
	fk.outblob_errno = EIO;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), -EIO);
	fk.outblob_errno = 0;
	fk.race_after_write = 100;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r),
			 TSM_E_RACE);
	fk.race_after_write = 0;
	assert_int_equal(tsm_report_new(*state, nonce32, 32, NULL, &r), 0);
	tsm_report_unref(r);
	assert_int_equal(tsm_evidence_parse(nonce32, 32, TSM_FORMAT_AUTO, &ev),
			 TSM_E_UNKNOWN_FORMAT);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	assert_int_equal(fstat(fd, &st), 0);
	close(fd);
	unlink(path);
	assert_int_equal(st.st_size, 0);
}

static void ctx_api(void **state)
{
	struct tsm_ctx *c;
	char longpath[PATH_MAX + 2];

	(void)state;
	assert_int_equal(tsm_ctx_new(NULL), -EINVAL);
	assert_int_equal(tsm_ctx_new(&c), 0);
	assert_string_equal(tsm_ctx_get_configfs_root(c), TSM_CONFIGFS_DEFAULT);
	assert_int_equal(tsm_ctx_set_configfs_root(c, "/x"), 0);
	assert_string_equal(tsm_ctx_get_configfs_root(c), "/x");
	assert_int_equal(tsm_ctx_set_configfs_root(c, NULL), 0);
	assert_string_equal(tsm_ctx_get_configfs_root(c), TSM_CONFIGFS_DEFAULT);
	assert_int_equal(tsm_ctx_set_configfs_root(c, ""), -EINVAL);
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	assert_int_equal(tsm_ctx_set_configfs_root(c, longpath), -EINVAL);
	assert_int_equal(tsm_ctx_set_max_retries(c, 101), -EINVAL);
	assert_int_equal(tsm_ctx_set_max_retries(c, 100), 0);
	assert_ptr_equal(tsm_ctx_ref(c), c);
	assert_null(tsm_ctx_unref(c));
	assert_string_equal(tsm_ctx_get_configfs_root(c), TSM_CONFIGFS_DEFAULT);
	assert_null(tsm_ctx_unref(c));
	assert_null(tsm_ctx_unref(NULL));
	assert_null(tsm_ctx_ref(NULL));
}

/* Save directory beside (not under) the fake root; removed at the end. */
static void save_dir(char *dir, size_t size)
{
	size_t n = strlen(fk.root);

	assert_true(n + sizeof("-save") <= size);
	memcpy(dir, fk.root, n);
	memcpy(dir + n, "-save", sizeof("-save"));
}

static void rm_save_dir(const char *dir)
{
	static const char *const names[] = {
		"inblob", "outblob", "auxblob", "manifestblob", "provider",
		"victim",
	};
	char p[PATH_MAX];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
	rmdir(dir);
}

static void report_save(void **state)
{
	static const uint8_t aux[3] = { 7, 8, 9 };
	struct tsm_report *r = NULL;
	const char *failed = "x";
	char dir[256], buf[FX_SNP_SIZE + 1], path[PATH_MAX];
	struct stat st;

	fk.auxblob = aux;
	fk.auxblob_len = sizeof(aux);
	assert_int_equal(tsm_report_new(*state, nonce32, 32,
			 &(struct tsm_report_opts){ .privlevel = -1,
				.flags = TSM_REPORT_AUXBLOB }, &r), 0);
	save_dir(dir, sizeof(dir));
	assert_int_equal(tsm_report_save(r, dir, &failed), 0);
	assert_null(failed);
	assert_int_equal(get_file(dir, "outblob", buf, sizeof(buf)), FX_SNP_SIZE);
	assert_memory_equal(buf, snp_blob, FX_SNP_SIZE);
	assert_int_equal(get_file(dir, "inblob", buf, sizeof(buf)), 32);
	assert_memory_equal(buf, nonce32, 32);
	assert_int_equal(get_file(dir, "auxblob", buf, sizeof(buf)), 3);
	assert_int_equal(get_file(dir, "provider", buf, sizeof(buf)), 10);
	assert_memory_equal(buf, "tsm_wd_sim", 10);
	snprintf(path, sizeof(path), "%s/manifestblob", dir);
	assert_int_equal(stat(path, &st), -1);	/* none: not written */

	/* a second save into the same directory: refused, nothing truncated */
	assert_int_equal(tsm_report_save(r, dir, &failed), -EEXIST);
	assert_string_equal(failed, "inblob");
	assert_int_equal(get_file(dir, "outblob", buf, sizeof(buf)), FX_SNP_SIZE);
	assert_int_equal(get_file(dir, "inblob", buf, sizeof(buf)), 32);
	rm_save_dir(dir);

	/* a symlink planted where outblob goes: not followed, target intact */
	assert_int_equal(mkdir(dir, 0700), 0);
	put_file(dir, "victim", "precious", 8);
	snprintf(path, sizeof(path), "%s/outblob", dir);
	assert_int_equal(symlink("victim", path), 0);
	assert_int_equal(tsm_report_save(r, dir, &failed), -ELOOP);
	assert_string_equal(failed, "outblob");
	assert_int_equal(get_file(dir, "victim", buf, sizeof(buf)), 8);
	assert_memory_equal(buf, "precious", 8);
	/* a dangling symlink is not followed either (no file created) */
	rm_save_dir(dir);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/inblob", dir);
	assert_int_equal(symlink("victim", path), 0);
	assert_int_equal(tsm_report_save(r, dir, &failed), -ELOOP);
	assert_string_equal(failed, "inblob");
	snprintf(path, sizeof(path), "%s/victim", dir);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
	rm_save_dir(dir);

	/* a directory that can not be made */
	assert_int_equal(tsm_report_save(r, "/nonexistent/x/y", &failed), -ENOENT);
	assert_null(failed);
	assert_int_equal(tsm_report_save(NULL, dir, &failed), -EINVAL);
	assert_int_equal(tsm_report_save(r, "", NULL), -EINVAL);
	tsm_report_unref(r);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(report_ok),
		T(report_unique_names),
		T(report_privlevel_aux),
		T(report_service_provider),
		T(report_race_then_ok),
		T(report_race_during_read),
		T(report_race_forever),
		T(report_provider_errors),
		T(report_bad_attributes),
		T(report_blob_sizes),
		T(report_bad_args),
		T(report_no_root),
		T(logging),
		T(never_prints),
		T(ctx_api),
		T(report_save),
	};

	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
