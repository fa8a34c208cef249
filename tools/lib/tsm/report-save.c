// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libtsm: save a report's blobs as files. Every file is created new
 * (O_CREAT | O_EXCL | O_NOFOLLOW): an existing file is never truncated and
 * a symbolic link planted in the directory is never followed.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

static int write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Create @name in @dfd and write @n bytes; -EEXIST / -ELOOP: not touched. */
static int save_one(int dfd, const char *name, const void *p, size_t n)
{
	struct stat st;
	int fd, ret;

	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC | O_NOCTTY, 0644);
	if (fd < 0) {
		ret = -errno;
		/* O_EXCL reports a symlink as EEXIST: say which it is */
		if (ret == -EEXIST &&
		    !fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) &&
		    S_ISLNK(st.st_mode))
			ret = -ELOOP;
		return ret;
	}
	ret = write_all(fd, p, n);
	if (!ret && fsync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

int tsm_report_save(const struct tsm_report *r, const char *dir,
		    const char **failed)
{
	static const struct {
		const char *name;
		const uint8_t *(*get)(const struct tsm_report *, size_t *);
		bool always;
	} blobs[] = {
		{ "inblob", tsm_report_get_nonce, true },
		{ "outblob", tsm_report_get_outblob, true },
		{ "auxblob", tsm_report_get_auxblob, false },
		{ "manifestblob", tsm_report_get_manifestblob, false },
	};
	const char *prov;
	int dfd, ret = 0;

	if (failed)
		*failed = NULL;
	if (!r || !dir || !*dir)
		return -EINVAL;
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -errno;
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	for (size_t i = 0; !ret && i < sizeof(blobs) / sizeof(blobs[0]); i++) {
		size_t n = 0;
		const uint8_t *p = blobs[i].get(r, &n);

		if (!p && !blobs[i].always)
			continue;
		ret = save_one(dfd, blobs[i].name, p, p ? n : 0);
		if (ret && failed)
			*failed = blobs[i].name;
	}
	if (!ret) {
		prov = tsm_report_get_provider(r);
		ret = save_one(dfd, "provider", prov, strlen(prov));
		if (ret && failed)
			*failed = "provider";
	}
	if (!ret && fsync(dfd))
		ret = -errno;
	close(dfd);
	return ret;
}
