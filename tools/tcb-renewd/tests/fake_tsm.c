// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helpers and the fake configfs-tsm provider, see testlib.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
#include "testlib.h"

int __real_mkdir(const char *path, mode_t mode);
int __real_rmdir(const char *path);
int __real_open(const char *path, int flags, ...);
int __wrap_mkdir(const char *path, mode_t mode);
int __wrap_rmdir(const char *path);
int __wrap_open(const char *path, int flags, ...);

static char fake_root[4096];
static uint64_t fake_tcb = 0xd315000000000004ull;
static uint64_t fake_committed;	/* 0: COMMITTED_TCB = CURRENT_TCB */
static int fake_errno;
static bool fake_stale;
static unsigned int fake_races, fake_count, fake_delay_ms;
/* TDX: outblob a quote v4 (its TEE_TCB_SVN byte 0 XOR fake_quote_lie),
 * the fake /dev/tdx_guest a TDREPORT with these values */
static bool fake_tdx;
static uint8_t fake_quote_lie, fake_svn2_0 = 0x0d, fake_cpusvn_0 = 0x21;
static char fake_tdx_path[4096];

static const char *const attrs[] = {
	"inblob", "outblob", "provider", "generation", "privlevel",
	"privlevel_floor",
};

void fake_tsm_start(const char *root)
{
	snprintf(fake_root, sizeof(fake_root), "%s", root);
	fake_tcb = 0xd315000000000004ull;
	fake_committed = 0;
	fake_errno = 0;
	fake_stale = false;
	fake_races = 0;
	fake_count = 0;
	fake_delay_ms = 0;
	fake_tdx = false;
	fake_quote_lie = 0;
	fake_svn2_0 = 0x0d;
	fake_cpusvn_0 = 0x21;
	fake_tdx_path[0] = '\0';
}

void fake_tdx_start(const char *dev_path, uint8_t quote_lie)
{
	fake_tdx = true;
	fake_quote_lie = quote_lie;
	snprintf(fake_tdx_path, sizeof(fake_tdx_path), "%s", dev_path ? dev_path : "");
}

void fake_tdx_set(uint8_t svn2_0, uint8_t cpusvn_0)
{
	fake_svn2_0 = svn2_0;
	fake_cpusvn_0 = cpusvn_0;
}

void fake_tdreport(uint8_t *b, const uint8_t *reportdata)
{
	fx_tdreport(b, 1, true);
	b[16] = fake_cpusvn_0;			/* REPORTMACSTRUCT.CPUSVN */
	b[256 + 128] = fake_svn2_0;		/* TEE_TCB_INFO.TEE_TCB_SVN2 */
	if (reportdata)
		memcpy(b + 128, reportdata, 64);
}

void fake_tsm_stop(void)
{
	fake_root[0] = '\0';
}

void fake_tsm_set_tcb(uint64_t tcb) { fake_tcb = tcb; }
void fake_tsm_set_committed(uint64_t tcb) { fake_committed = tcb; }
void fake_tsm_set_errno(int err) { fake_errno = err; }
void fake_tsm_set_stale_nonce(bool stale) { fake_stale = stale; }
void fake_tsm_set_races(unsigned int n) { fake_races = n; }
void fake_tsm_set_delay_ms(unsigned int ms) { fake_delay_ms = ms; }
unsigned int fake_tsm_reports(void) { return fake_count; }

int fake_tsm_items_left(void)
{
	DIR *d = opendir(fake_root);
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

/* PATH is ROOT/ITEM/ATTR?  Returns ATTR or NULL. */
static const char *fake_attr(const char *path)
{
	size_t n = strlen(fake_root);
	const char *item, *slash;

	if (!n || strncmp(path, fake_root, n) || path[n] != '/')
		return NULL;
	item = path + n + 1;
	slash = strchr(item, '/');
	return slash && !strchr(slash + 1, '/') ? slash + 1 : NULL;
}

static bool fake_item(const char *path)
{
	size_t n = strlen(fake_root);

	return n && !strncmp(path, fake_root, n) && path[n] == '/' &&
	       !strchr(path + n + 1, '/');
}

static void put_file(const char *dir, const char *name, const void *buf,
		     size_t len)
{
	char p[4200];
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = __real_open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (write(fd, buf, len) != (ssize_t)len)
		fprintf(stderr, "fake_tsm: short write %s\n", p);
	close(fd);
}

static size_t get_file(const char *dir, const char *name, void *buf,
		       size_t len)
{
	char p[4200];
	ssize_t n;
	int fd;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = __real_open(p, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, len);
	close(fd);
	return n < 0 ? 0 : (size_t)n;
}

static void bump_generation(const char *dir)
{
	char num[32] = "";
	unsigned long g;

	get_file(dir, "generation", num, sizeof(num) - 1);
	g = strtoul(num, NULL, 10) + 1;
	snprintf(num, sizeof(num), "%lu\n", g);
	put_file(dir, "generation", num, strlen(num));
}

int __wrap_mkdir(const char *path, mode_t mode)
{
	int ret = __real_mkdir(path, mode);

	if (!ret && fake_item(path)) {
		put_file(path, "inblob", "", 0);
		put_file(path, "outblob", "", 0);
		put_file(path, "provider", "tsm_wd_sim\n", 11);
		put_file(path, "generation", "0\n", 2);
		put_file(path, "privlevel", "0\n", 2);
		put_file(path, "privlevel_floor", "0\n", 2);
	}
	return ret;
}

static void generate_tdx(const char *dir, const uint8_t *in)
{
	static uint8_t q[FX_QUOTE_MAX];
	size_t len = fx_tdx_quote(q, 4, 2);

	q[48] ^= fake_quote_lie;		/* body TEE_TCB_SVN[0] */
	memcpy(q + 48 + 520, in, 64);		/* body REPORTDATA */
	put_file(dir, "outblob", q, len);
	put_file(dir, "provider", "tdx_guest\n", 10);
	fake_count++;
}

static void generate(const char *dir)
{
	uint8_t rep[FX_SNP_SIZE], in[64] = { 0 };

	get_file(dir, "inblob", in, sizeof(in));
	if (fake_tdx) {
		generate_tdx(dir, in);
		return;
	}
	fx_snp(rep, 3, 0x19);
	fx_put64(rep + 0x038, fake_tcb);	/* CURRENT_TCB */
	fx_put64(rep + 0x180, fake_tcb);	/* REPORTED_TCB */
	fx_put64(rep + 0x1e0, fake_committed ? fake_committed : fake_tcb);
						/* COMMITTED_TCB */
	memcpy(rep + 0x050, in, sizeof(in));	/* REPORT_DATA */
	if (fake_stale)
		rep[0x050] ^= 0xff;
	put_file(dir, "outblob", rep, sizeof(rep));
	if (fake_races) {
		fake_races--;
		bump_generation(dir);
	}
	fake_count++;
}

int __wrap_open(const char *path, int flags, ...)
{
	const char *attr = fake_attr(path);
	mode_t mode = 0;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;

		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (attr && (flags & O_ACCMODE) == O_WRONLY &&
	    strcmp(attr, "outblob")) {
		char dir[4200];

		snprintf(dir, sizeof(dir), "%.*s", (int)(attr - 1 - path), path);
		bump_generation(dir);
	}
	if (attr && !strcmp(attr, "outblob") &&
	    (flags & O_ACCMODE) == O_RDONLY) {
		char dir[4200];

		if (fake_errno) {
			errno = fake_errno;
			return -1;
		}
		if (fake_delay_ms)
			usleep(fake_delay_ms * 1000);
		snprintf(dir, sizeof(dir), "%.*s", (int)(attr - 1 - path), path);
		generate(dir);
	}
	return __real_open(path, flags, mode);
}

int __wrap_rmdir(const char *path)
{
	if (fake_item(path)) {
		for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
			char p[4200];

			snprintf(p, sizeof(p), "%s/%s", path, attrs[i]);
			unlink(p);
		}
	}
	return __real_rmdir(path);
}

/* ---- small helpers ------------------------------------------------------ */

void tl_tmpdir(char *buf, size_t len)
{
	const char *t = getenv("TMPDIR");

	snprintf(buf, len, "%s/tcb-renewd-test.XXXXXX", t ? t : "/tmp");
	assert_non_null(mkdtemp(buf));
}

void tl_rmtree(const char *dir)
{
	char cmd[4200];

	if (!dir[0] || strstr(dir, "tcb-renewd-test.") == NULL)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "rm -rf %s failed\n", dir);
}

char tl_dir[4096];

int tl_setup_tmpdir(void **state)
{
	(void)state;
	tl_tmpdir(tl_dir, sizeof(tl_dir));
	return 0;
}

int tl_teardown_tmpdir(void **state)
{
	(void)state;
	tl_rmtree(tl_dir);
	return 0;
}

void tl_write(const char *dir, const char *name, const char *text,
	      char *path, size_t len)
{
	char p[4200];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	if (path)
		snprintf(path, len, "%s", p);
}

int tl_read(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
	return (int)n;
}

void tl_script(const char *dir, const char *name, const char *body,
	       char *path, size_t len)
{
	char text[8192];

	snprintf(text, sizeof(text), "#!/bin/sh\n%s\n", body);
	tl_write(dir, name, text, path, len);
	assert_int_equal(chmod(path, 0755), 0);
}

/* fsync() of a directory fails with this errno while non-zero. */
static int fake_fsync_dir_err;
int __real_fsync(int fd);
int __wrap_fsync(int fd);

void fake_set_fsync_dir_errno(int err) { fake_fsync_dir_err = err; }

int __wrap_fsync(int fd)
{
	struct stat st;

	if (fake_fsync_dir_err && !fstat(fd, &st) && S_ISDIR(st.st_mode)) {
		errno = fake_fsync_dir_err;
		return -1;
	}
	return __real_fsync(fd);
}

/* The fake /dev/tdx_guest: TDX_CMD_GET_REPORT0 on an fd of fake_tdx_path. */
struct fake_tdx_report_req {
	uint8_t reportdata[64];
	uint8_t tdreport[1024];
};
#define FAKE_GET_REPORT0	_IOWR('T', 1, struct fake_tdx_report_req)

int __real_ioctl(int fd, unsigned long request, ...);
int __wrap_ioctl(int fd, unsigned long request, ...);

int __wrap_ioctl(int fd, unsigned long request, ...)
{
	struct fake_tdx_report_req *req;
	char link[64], target[4096];
	ssize_t n;
	va_list ap;

	va_start(ap, request);
	req = va_arg(ap, void *);
	va_end(ap);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target) - 1);
	if (!fake_tdx_path[0] || n <= 0)
		return __real_ioctl(fd, request, req);
	target[n] = '\0';
	if (strcmp(target, fake_tdx_path))
		return __real_ioctl(fd, request, req);
	if (request != FAKE_GET_REPORT0) {
		errno = ENOTTY;
		return -1;
	}
	fake_tdreport(req->tdreport, req->reportdata);
	return 0;
}
