// SPDX-License-Identifier: GPL-2.0-only
/*
 * The persisted floor: the highest TCB the daemon ever approved, so that a
 * restart can never be talked into acking an older one.
 *
 * File format (text, written only by the daemon):
 *	# tcb-renewd state: do not edit (delete to reset the floor)
 *	floor = snp:d315000000000004
 *
 * A file that exists but does not parse is an error, never "no floor":
 * silently forgetting the floor would allow a rollback.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "renewd.h"

#define STATE_MAX	4096

static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int fsync_dir_of(const char *path)
{
	char copy[PATH_MAX];
	int fd, ret = 0;

	snprintf(copy, sizeof(copy), "%s", path);
	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fsync(fd))
		ret = -errno;
	close(fd);
	return ret;
}

int rd_write_file_atomic(const char *path, const char *text, size_t len,
			 bool durable)
{
	char tmp[PATH_MAX];
	int fd, ret;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
		  0644);
	if (fd < 0)
		return -errno;
	/* readable by status and node-exporter whatever the umask */
	ret = fchmod(fd, 0644) ? -errno : 0;
	if (!ret)
		ret = write_all(fd, text, len);
	if (!ret && durable && fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret) {
		unlink(tmp);
		return ret;
	}
	if (!durable)
		return 0;
	/* replaced, but only the directory's fsync makes the rename durable */
	ret = fsync_dir_of(path);
	return ret ? RD_ATOMIC_NOT_DURABLE(ret) : 0;
}

int rd_mkdir_p(const char *path)
{
	char buf[PATH_MAX];

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (char *p = buf + 1; ; p++) {
		if (*p != '/' && *p)
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -errno;
		*p = c;
		if (!c)
			break;
	}
	return 0;
}

static int parse_state(const char *text, struct tsm_tcb *floor, int *bad_line)
{
	bool have = false;
	int lineno = 0;

	for (const char *l = text; *l; ) {
		const char *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l);
		char line[STATE_MAX];

		lineno++;
		*bad_line = lineno;
		memcpy(line, l, len);
		line[len] = '\0';
		l += len + (nl ? 1 : 0);
		if (!nl)
			return -EBADMSG;	/* truncated: no final newline */
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (strncmp(line, "floor = ", 8) || have ||
		    tsm_tcb_parse(line + 8, floor))
			return -EBADMSG;
		have = true;
	}
	return have ? 0 : -EBADMSG;
}

int rd_state_load(const char *path, struct tsm_tcb *floor, bool *has,
		  char *err, size_t errlen)
{
	char text[STATE_MAX];
	struct stat st;
	ssize_t n;
	int fd, ret, bad_line = 0;

	*has = false;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(err, errlen, "%s: not a regular file; remove it to reset the floor",
			 path);
		return -EBADMSG;
	}
	n = read(fd, text, sizeof(text) - 1);
	ret = n < 0 ? -errno : 0;
	close(fd);
	if (ret) {
		snprintf(err, errlen, "%s: %s", path, strerror(-ret));
		return ret;
	}
	if ((size_t)n == sizeof(text) - 1 || memchr(text, '\0', (size_t)n)) {
		snprintf(err, errlen, "%s: corrupt state file (not text or too long); remove it to reset the floor",
			 path);
		return -EBADMSG;
	}
	text[n] = '\0';
	if (parse_state(text, floor, &bad_line)) {
		snprintf(err, errlen, "%s:%d: corrupt state file (expected 'floor = <tcb>'); remove it to reset the floor",
			 path, bad_line);
		return -EBADMSG;
	}
	*has = true;
	return 0;
}

int rd_state_save(const char *path, const struct tsm_tcb *floor,
		  char *err, size_t errlen)
{
	char tcb[TSM_TCB_TEXT_MAX], text[STATE_MAX];
	int n, ret;

	if (tsm_tcb_format(floor, tcb, sizeof(tcb)) < 0) {
		snprintf(err, errlen, "%s: invalid TCB", path);
		return -EINVAL;
	}
	n = snprintf(text, sizeof(text),
		     "# tcb-renewd state: do not edit (delete to reset the floor)\nfloor = %s\n",
		     tcb);
	ret = rd_write_file_atomic(path, text, (size_t)n, true);
	if (ret > 0) {
		/* the new floor is in place; a crash may still lose it */
		snprintf(err, errlen, "%s: floor written, but fsync of its directory failed: %s (not durable yet)",
			 path, strerror(RD_ATOMIC_ERRNO(ret)));
		return -RD_ATOMIC_ERRNO(ret);
	}
	if (ret)
		snprintf(err, errlen, "%s: cannot save the floor: %s", path,
			 strerror(-ret));
	return ret;
}
