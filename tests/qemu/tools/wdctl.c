// SPDX-License-Identifier: GPL-2.0-only
/*
 * wdctl - drive /dev/tsm_watchdog from QEMU guest scenarios.
 *
 * Every command opens the device, does one thing and closes it again (the
 * device admits one opener at a time). Results go to stdout: "ok" or the
 * errno name (EINVAL, ESTALE, ...); the exit status is 0 for "ok", 1 for an
 * errno, 2 for usage errors. See usage() for the commands.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *dev_path = "/dev/tsm_watchdog";

static void usage(void)
{
	fputs("usage: wdctl [-d DEVICE] COMMAND [ARGS]\n"
	      "  write CMD...        one write() of every CMD, each with a newline\n"
	      "                      appended; prints ok or the errno name\n"
	      "  raw STRING          one write() of STRING as given (\\n, \\\\ and\n"
	      "                      \\xHH are decoded), no newline added\n"
	      "  feed CMD...         write every CMD (newline appended) as a caller\n"
	      "                      that honours partial writes: write() what is\n"
	      "                      left until all is written or an error; prints\n"
	      "                      each write()'s result (bytes or errno name)\n"
	      "  read                print pending event lines (O_NONBLOCK)\n"
	      "  stream SIZES        copy the pending bytes (O_NONBLOCK) to stdout\n"
	      "                      as they come, read() sizes taken in turn from\n"
	      "                      the comma-separated SIZES (e.g. 1 or 1,7,300)\n"
	      "  read0               read(fd, buf, 0): prints its result\n"
	      "  efault K            read(), O_NONBLOCK, into an unmapped page\n"
	      "                      (\"bad: EFAULT\" to stderr), then into a buffer\n"
	      "                      whose first K bytes are mapped (\"split: N\"),\n"
	      "                      then the rest; every byte read goes to stdout\n"
	      "  wait EVENT SECONDS  poll() until an event line naming EVENT is\n"
	      "                      read; prints every line read; 1 on timeout\n"
	      "  open-twice          prints ok or the errno of a second open()\n"
	      "  hold SECONDS        keep the device open (prints \"open\" first)\n"
	      "  nocap CMD...        drop CAP_SYS_ADMIN (all sets, bounding set),\n"
	      "                      then open + write CMDs; prints ok or errno\n"
	      "  nobody CMD...       switch to uid/gid 65534, then as nocap\n"
	      "  opened-nocap CMD... open first, then drop CAP_SYS_ADMIN as nocap\n"
	      "                      and write CMDs through the open file\n"
	      "  opened-nobody CMD.. open first, then become uid 65534 as nobody\n"
	      "                      and write CMDs through the open file\n"
	      "  uevents SECONDS [N] listen to kernel uevents; print those with\n"
	      "                      TSM_WATCHDOG_* keys, one a line; stop after\n"
	      "                      N of them (exit 0) or SECONDS (exit 1 if\n"
	      "                      N was given and not reached)\n",
	      stderr);
	exit(2);
}

static int report_errno(int err)
{
	const char *name = strerrorname_np(err);

	if (name)
		printf("%s\n", name);
	else
		printf("errno%d\n", err);
	fflush(stdout);
	return 1;
}

static int report_ok(void)
{
	printf("ok\n");
	fflush(stdout);
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int parse_seconds(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v < 0 || v > 86400)
		return -1;
	*out = v;
	return 0;
}

/* Join the commands, each newline-terminated, into one buffer. */
static char *join_cmds(int argc, char **argv, size_t *len)
{
	size_t n = 0, off = 0;
	char *buf;
	int i;

	for (i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	buf = malloc(n + 1);
	if (!buf) {
		perror("malloc");
		exit(2);
	}
	for (i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]);

		memcpy(buf + off, argv[i], l);
		off += l;
		buf[off++] = '\n';
	}
	buf[off] = '\0';
	*len = off;
	return buf;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode \n, \\ and \xHH in place; returns the decoded length. */
static size_t unescape(char *s)
{
	size_t in = 0, out = 0;

	while (s[in]) {
		if (s[in] == '\\' && s[in + 1] == 'n') {
			s[out++] = '\n';
			in += 2;
		} else if (s[in] == '\\' && s[in + 1] == '\\') {
			s[out++] = '\\';
			in += 2;
		} else if (s[in] == '\\' && s[in + 1] == 'x' &&
			   hexval(s[in + 2]) >= 0 && hexval(s[in + 3]) >= 0) {
			s[out++] = (char)(hexval(s[in + 2]) * 16 + hexval(s[in + 3]));
			in += 4;
		} else {
			s[out++] = s[in++];
		}
	}
	return out;
}

/* One write() of @buf on @fd, which it closes; prints the result. */
static int write_fd(int fd, const char *buf, size_t len)
{
	ssize_t ret = write(fd, buf, len);
	int err = errno;

	close(fd);
	if (ret < 0)
		return report_errno(err);
	if ((size_t)ret != len) {
		printf("short %zd of %zu\n", ret, len);
		return 1;
	}
	return report_ok();
}

static int write_buf(const char *buf, size_t len)
{
	int fd = open(dev_path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return report_errno(errno);
	return write_fd(fd, buf, len);
}

/* write() what is left until done or failed; one result a write. */
static int cmd_feed(int argc, char **argv)
{
	size_t len, off = 0;
	int fd, ret = 0;
	char *buf;

	if (argc < 1)
		usage();
	buf = join_cmds(argc, argv, &len);
	fd = open(dev_path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return report_errno(errno);
	}
	while (off < len) {
		ssize_t n = write(fd, buf + off, len - off);

		if (n < 0) {
			const char *name = strerrorname_np(errno);

			printf("%s%s\n", off ? " " : "", name ? name : "error");
			ret = 1;
			break;
		}
		printf("%s%zd", off ? " " : "", n);
		if (n == 0) {
			printf("\n");
			ret = 1;
			break;
		}
		off += (size_t)n;
		if (off == len)
			printf("\n");
	}
	fflush(stdout);
	close(fd);
	free(buf);
	return ret;
}

static int cmd_write(int argc, char **argv)
{
	size_t len;
	char *buf;
	int ret;

	if (argc < 1)
		usage();
	buf = join_cmds(argc, argv, &len);
	ret = write_buf(buf, len);
	free(buf);
	return ret;
}

static int cmd_raw(int argc, char **argv)
{
	size_t len;

	if (argc != 1)
		usage();
	len = unescape(argv[0]);
	return write_buf(argv[0], len);
}

/*
 * Read every pending event; print the lines. Returns the number of bytes
 * read, or -errno. With @match set, stops after the line naming it and
 * sets *@found.
 */
static ssize_t drain(int fd, const char *match, bool *found)
{
	static char pending[8192];
	static size_t have;
	ssize_t total = 0;

	for (;;) {
		ssize_t n = read(fd, pending + have, sizeof(pending) - 1 - have);
		char *line, *nl;

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			return -errno;
		}
		if (n == 0)
			break;
		total += n;
		have += (size_t)n;
		pending[have] = '\0';
		line = pending;
		while ((nl = strchr(line, '\n'))) {
			char seq[32], ev[64];

			*nl = '\0';
			printf("%s\n", line);
			if (match && sscanf(line, "%31s %63s", seq, ev) == 2 &&
			    !strcmp(ev, match))
				*found = true;
			line = nl + 1;
		}
		have = strlen(line);
		memmove(pending, line, have + 1);
		if (have == sizeof(pending) - 1) {	/* no newline in 8 KiB */
			printf("%s\n", pending);
			have = 0;
		}
	}
	fflush(stdout);
	return total;
}

static int cmd_read(int argc, char **argv)
{
	ssize_t n;
	int fd;

	(void)argv;
	if (argc != 0)
		usage();
	fd = open(dev_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return report_errno(errno);
	n = drain(fd, NULL, NULL);
	close(fd);
	if (n < 0)
		return report_errno((int)-n);
	return 0;
}

/* Parse "1,7,300" into sizes[]; returns how many, 0 on a bad list. */
static size_t parse_sizes(const char *s, size_t *sizes, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		char *end;
		unsigned long v;

		errno = 0;
		v = strtoul(s, &end, 10);
		if (errno || end == s || v == 0 || v > 1 << 20 ||
		    (*end && *end != ','))
			return 0;
		sizes[n++] = v;
		s = *end ? end + 1 : end;
	}
	return *s ? 0 : n;
}

/* Copy @n bytes read to stdout, unchanged. */
static void put_bytes(const char *buf, size_t n)
{
	if (fwrite(buf, 1, n, stdout) != n) {
		perror("stdout");
		exit(2);
	}
}

/* Read what is pending, read() sizes from @sizes in turn, to stdout. */
static int stream_fd(int fd, const size_t *sizes, size_t nsizes)
{
	static char buf[1 << 20];
	size_t i = 0;

	for (;;) {
		ssize_t n = read(fd, buf, sizes[i % nsizes]);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			break;
		if (n < 0) {
			fflush(stdout);
			return -errno;
		}
		if (n == 0)
			break;
		if ((size_t)n > sizes[i % nsizes]) {
			fprintf(stderr, "read %zd bytes, asked for %zu\n", n,
				sizes[i % nsizes]);
			exit(2);
		}
		put_bytes(buf, (size_t)n);
		i++;
	}
	fflush(stdout);
	return 0;
}

static int cmd_stream(int argc, char **argv)
{
	size_t sizes[64], nsizes;
	int fd, err;

	if (argc != 1)
		usage();
	nsizes = parse_sizes(argv[0], sizes, 64);
	if (!nsizes)
		usage();
	fd = open(dev_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return report_errno(errno);
	err = stream_fd(fd, sizes, nsizes);
	close(fd);
	return err ? report_errno(-err) : 0;
}

static int cmd_read0(int argc, char **argv)
{
	char c;
	ssize_t n;
	int fd;

	(void)argv;
	if (argc != 0)
		usage();
	fd = open(dev_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return report_errno(errno);
	n = read(fd, &c, 0);
	close(fd);
	if (n < 0)
		return report_errno(errno);
	printf("%zd\n", n);
	return 0;
}

/*
 * A read into an unmapped page must fail with EFAULT and lose nothing; a
 * read into a buffer that is mapped for its first @k bytes only returns
 * what it could copy (at most @k) and keeps the rest.
 */
static int cmd_efault(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	const size_t one = 1;
	char *map, *split;
	unsigned long k;
	ssize_t n;
	int fd, err;

	if (argc != 1)
		usage();
	k = strtoul(argv[0], NULL, 10);
	if (k < 1 || k >= (unsigned long)page)
		usage();
	map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED || mprotect(map + page, page, PROT_NONE)) {
		perror("mmap");
		return 2;
	}
	fd = open(dev_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return report_errno(errno);
	n = read(fd, map + page, 64);
	err = errno;
	fprintf(stderr, "bad: %s\n", n < 0 ? strerrorname_np(err) : "no error");
	split = map + page - k;
	n = read(fd, split, 64);
	if (n < 0) {
		err = errno;
		fprintf(stderr, "split: %s\n", strerrorname_np(err));
	} else {
		fprintf(stderr, "split: %zd\n", n);
		put_bytes(split, (size_t)n);
	}
	err = stream_fd(fd, &one, 1);
	close(fd);
	munmap(map, 2 * page);
	return err ? report_errno(-err) : 0;
}

static int cmd_wait(int argc, char **argv)
{
	bool found = false;
	double limit, end;
	int fd;

	if (argc != 2 || parse_seconds(argv[1], &limit))
		usage();
	fd = open(dev_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return report_errno(errno);
	end = now() + limit;
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		double left = end - now();
		ssize_t n;
		int ret;

		n = drain(fd, argv[0], &found);
		if (n < 0) {
			close(fd);
			return report_errno((int)-n);
		}
		if (found)
			break;
		if (left <= 0) {
			close(fd);
			printf("timeout waiting for %s\n", argv[0]);
			return 1;
		}
		ret = poll(&pfd, 1, (int)(left * 1000) + 1);
		if (ret < 0 && errno != EINTR) {
			close(fd);
			return report_errno(errno);
		}
	}
	close(fd);
	return 0;
}

static int cmd_open_twice(int argc, char **argv)
{
	int fd1, fd2, ret;

	(void)argv;
	if (argc != 0)
		usage();
	fd1 = open(dev_path, O_RDWR | O_CLOEXEC);
	if (fd1 < 0) {
		printf("first open failed: ");
		return report_errno(errno);
	}
	fd2 = open(dev_path, O_RDWR | O_CLOEXEC);
	if (fd2 < 0) {
		ret = report_errno(errno);
	} else {
		ret = report_ok();
		close(fd2);
	}
	close(fd1);
	return ret;
}

static int cmd_hold(int argc, char **argv)
{
	double secs;
	int fd;

	if (argc != 1 || parse_seconds(argv[0], &secs))
		usage();
	fd = open(dev_path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return report_errno(errno);
	printf("open\n");
	fflush(stdout);
	usleep((useconds_t)(secs * 1e6));
	close(fd);
	return 0;
}

static int drop_sys_admin(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	unsigned int i = CAP_SYS_ADMIN / 32;
	__u32 bit = 1u << (CAP_SYS_ADMIN % 32);

	if (prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0)) {
		perror("PR_CAPBSET_DROP");
		return -1;
	}
	if (syscall(SYS_capget, &hdr, data)) {
		perror("capget");
		return -1;
	}
	data[i].effective &= ~bit;
	data[i].permitted &= ~bit;
	data[i].inheritable &= ~bit;
	if (syscall(SYS_capset, &hdr, data)) {
		perror("capset");
		return -1;
	}
	if (syscall(SYS_capget, &hdr, data) || (data[i].effective & bit)) {
		fputs("CAP_SYS_ADMIN still effective\n", stderr);
		return -1;
	}
	return 0;
}

static int become_nobody(void)
{
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534)) {
		perror("setuid nobody");
		return -1;
	}
	return 0;
}

static int cmd_nocap(int argc, char **argv, bool nobody)
{
	if (argc < 1)
		usage();
	if (nobody ? become_nobody() : drop_sys_admin())
		return 2;
	return cmd_write(argc, argv);
}

/* Open with every privilege, drop them, then write on the open file. */
static int cmd_opened_nocap(int argc, char **argv, bool nobody)
{
	size_t len;
	char *buf;
	int fd, ret;

	if (argc < 1)
		usage();
	fd = open(dev_path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return report_errno(errno);
	if (nobody ? become_nobody() : drop_sys_admin()) {
		close(fd);
		return 2;
	}
	buf = join_cmds(argc, argv, &len);
	ret = write_fd(fd, buf, len);
	free(buf);
	return ret;
}

static int cmd_uevents(int argc, char **argv)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1,	/* kernel uevents */
	};
	double limit, end;
	long want = -1, seen = 0;
	static char buf[16384];
	int fd;

	if (argc < 1 || argc > 2 || parse_seconds(argv[0], &limit))
		usage();
	if (argc == 2)
		want = strtol(argv[1], NULL, 10);
	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("uevent socket");
		return 2;
	}
	fprintf(stderr, "wdctl: listening for uevents\n");
	end = now() + limit;
	while (want < 0 || seen < want) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		double left = end - now();
		ssize_t n, off;
		bool ours = false;
		char line[4096];
		size_t ll = 0;

		if (left <= 0)
			break;
		if (poll(&pfd, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		/* "ACTION@DEVPATH\0KEY=VALUE\0..." */
		line[0] = '\0';
		for (off = 0; off < n; off += (ssize_t)strlen(buf + off) + 1) {
			const char *kv = buf + off;

			if (!strncmp(kv, "TSM_WATCHDOG_", 13))
				ours = true;
			if (strchr(kv, '=') && ll + strlen(kv) + 2 < sizeof(line))
				ll += (size_t)snprintf(line + ll, sizeof(line) - ll,
						       "%s%s", ll ? " " : "", kv);
		}
		if (ours) {
			printf("%s\n", line);
			fflush(stdout);
			seen++;
		}
	}
	close(fd);
	return (want >= 0 && seen < want) ? 1 : 0;
}

static int cmd_nocap_root(int argc, char **argv)
{
	return cmd_nocap(argc, argv, false);
}

static int cmd_nocap_nobody(int argc, char **argv)
{
	return cmd_nocap(argc, argv, true);
}

static int cmd_opened_nocap_root(int argc, char **argv)
{
	return cmd_opened_nocap(argc, argv, false);
}

static int cmd_opened_nocap_nobody(int argc, char **argv)
{
	return cmd_opened_nocap(argc, argv, true);
}

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "write", cmd_write },
	{ "raw", cmd_raw },
	{ "feed", cmd_feed },
	{ "read", cmd_read },
	{ "stream", cmd_stream },
	{ "read0", cmd_read0 },
	{ "efault", cmd_efault },
	{ "wait", cmd_wait },
	{ "open-twice", cmd_open_twice },
	{ "hold", cmd_hold },
	{ "nocap", cmd_nocap_root },
	{ "nobody", cmd_nocap_nobody },
	{ "opened-nocap", cmd_opened_nocap_root },
	{ "opened-nobody", cmd_opened_nocap_nobody },
	{ "uevents", cmd_uevents },
};

int main(int argc, char **argv)
{
	const char *cmd;

	if (argc >= 3 && !strcmp(argv[1], "-d")) {
		dev_path = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2)
		usage();
	cmd = argv[1];
	argc -= 2;
	argv += 2;
	signal(SIGPIPE, SIG_IGN);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(cmd, commands[i].name))
			return commands[i].fn(argc, argv);
	usage();
	return 2;
}
