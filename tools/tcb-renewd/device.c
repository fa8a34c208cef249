// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/tsm_watchdog: newline-terminated text commands in, event lines
 * `<seq> <event> [<tcb>]` out (DESIGN.md "Kernel driver: userspace ABI").
 *
 * The device has one opener at a time, so the daemon opens it once and
 * keeps it. It is opened non-blocking: a read with no event pending fails
 * with EAGAIN (a blocking read would return 0).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "renewd.h"

#define LINE_MAX_LEN	512	/* longer lines are dropped, not split */

struct rd_dev {
	int fd;
	rd_dev_write_fn write_fn;
	size_t len;		/* bytes of a partial line in buf */
	bool skipping;		/* inside an over-long line */
	char buf[LINE_MAX_LEN];
};

static const char *const event_names[] = {
	[RD_EV_UNKNOWN]		= "unknown",
	[RD_EV_ARMED]		= "armed",
	[RD_EV_ACKED]		= "acked",
	[RD_EV_CHANGED]		= "changed",
	[RD_EV_RENEWED]		= "renewed",
	[RD_EV_ROLLBACK]	= "rollback",
	[RD_EV_PRETIMEOUT]	= "pretimeout",
	[RD_EV_EXPIRED]		= "expired",
	[RD_EV_FIRED]		= "fired",
	[RD_EV_DISARMED]	= "disarmed",
	[RD_EV_SOURCE_ERROR]	= "source-error",
	[RD_EV_OVERFLOW]	= "overflow",
	[RD_EV_REVERTED]	= "reverted",
	[RD_EV_SOURCE_LOST]	= "source-lost",
	[RD_EV_SOURCE_GONE]	= "source-gone",
	[RD_EV_RESUMED]		= "resumed",
};

const char *rd_event_type_name(enum rd_event_type t)
{
	if ((size_t)t >= sizeof(event_names) / sizeof(event_names[0]))
		return "unknown";
	return event_names[t];
}

int rd_event_parse(const char *line, size_t len, struct rd_event *ev)
{
	char copy[LINE_MAX_LEN], *p, *end, *word;
	size_t wlen;

	memset(ev, 0, sizeof(*ev));
	if (len && line[len - 1] == '\n')
		len--;
	if (len == 0 || len >= sizeof(copy) || memchr(line, '\0', len))
		return -EINVAL;
	memcpy(copy, line, len);
	copy[len] = '\0';

	if (copy[0] < '0' || copy[0] > '9')
		return -EINVAL;
	errno = 0;
	ev->seq = strtoull(copy, &end, 10);
	if (errno || *end != ' ')
		return -EINVAL;
	word = end + 1;
	wlen = strcspn(word, " ");
	if (wlen == 0 || wlen >= sizeof(ev->name))
		return -EINVAL;
	memcpy(ev->name, word, wlen);
	ev->name[wlen] = '\0';
	p = word + wlen;
	if (*p == ' ')
		p++;
	snprintf(ev->arg, sizeof(ev->arg), "%s", p);

	ev->type = RD_EV_UNKNOWN;
	for (size_t i = 1; i < sizeof(event_names) / sizeof(event_names[0]); i++)
		if (!strcmp(ev->name, event_names[i]))
			ev->type = (enum rd_event_type)i;
	if (ev->type == RD_EV_OVERFLOW) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		ev->count = strtoull(p, &end, 10);
		if (*end)
			return -EINVAL;
	} else if (*p) {
		ev->has_tcb = tsm_tcb_parse(ev->arg, &ev->tcb) == 0;
	}
	return 0;
}

int rd_cmd_format(enum rd_cmd cmd, const struct tsm_tcb *tcb, char *buf,
		  size_t size)
{
	char text[TSM_TCB_TEXT_MAX];
	const char *verb;
	int n;

	switch (cmd) {
	case RD_CMD_ACK:
		verb = "ack";
		break;
	case RD_CMD_EXPECT:
		verb = "expect";
		break;
	case RD_CMD_UNEXPECT:
		verb = "unexpect";
		break;
	case RD_CMD_UNEXPECT_ALL:
		n = snprintf(buf, size, "unexpect all\n");
		return n < (int)size ? n : -ENOSPC;
	case RD_CMD_REJECT:
		n = snprintf(buf, size, "reject\n");
		return n < (int)size ? n : -ENOSPC;
	default:
		return -EINVAL;
	}
	if (!tcb || tsm_tcb_format(tcb, text, sizeof(text)) < 0)
		return -EINVAL;
	n = snprintf(buf, size, "%s %s\n", verb, text);
	if (n >= (int)size || n > RD_CMD_MAX)
		return -ENOSPC;
	return n;
}

static int dev_wrap(int fd, struct rd_dev **out)
{
	struct rd_dev *dev = calloc(1, sizeof(*dev));

	if (!dev)
		return -ENOMEM;
	dev->fd = fd;
	dev->write_fn = write;
	*out = dev;
	return 0;
}

int rd_dev_open(const char *path, struct rd_dev **out)
{
	int fd, ret;

	*out = NULL;
	fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	ret = dev_wrap(fd, out);
	if (ret)
		close(fd);
	return ret;
}

int rd_dev_new_fd(int fd, struct rd_dev **out)
{
	int fl = fcntl(fd, F_GETFL);

	*out = NULL;
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		return -errno;
	return dev_wrap(fd, out);
}

void rd_dev_free(struct rd_dev *dev)
{
	if (!dev)
		return;
	if (dev->fd >= 0)
		close(dev->fd);
	free(dev);
}

int rd_dev_fd(const struct rd_dev *dev)
{
	return dev->fd;
}

void rd_dev_set_write_fn(struct rd_dev *dev, rd_dev_write_fn fn)
{
	dev->write_fn = fn ? fn : write;
}

int rd_dev_send(struct rd_dev *dev, enum rd_cmd cmd,
		const struct tsm_tcb *tcb)
{
	char buf[RD_CMD_MAX + 1];
	int n = rd_cmd_format(cmd, tcb, buf, sizeof(buf));
	ssize_t w;

	if (n < 0)
		return n;
	do {
		w = dev->write_fn(dev->fd, buf, (size_t)n);
	} while (w < 0 && errno == EINTR);
	if (w < 0)
		return -errno;
	return w == n ? 0 : -EIO;
}

static void emit_line(struct rd_dev *dev, const char *line, size_t len,
		      rd_event_fn fn, void *data)
{
	struct rd_event ev;
	char text[LINE_MAX_LEN];

	(void)dev;
	snprintf(text, sizeof(text), "%.*s", (int)len, line);
	if (rd_event_parse(line, len, &ev)) {
		memset(&ev, 0, sizeof(ev));
		ev.type = RD_EV_UNKNOWN;
		snprintf(ev.name, sizeof(ev.name), "malformed");
	}
	fn(data, &ev, text);
}

int rd_dev_read_events(struct rd_dev *dev, rd_event_fn fn, void *data)
{
	char chunk[4096];
	int lines = 0;

	for (;;) {
		ssize_t n = read(dev->fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return (errno == EAGAIN || lines) ? lines : -errno;
		if (n == 0)
			return lines;
		for (ssize_t i = 0; i < n; i++) {
			char c = chunk[i];

			if (c == '\n') {
				if (!dev->skipping && dev->len) {
					emit_line(dev, dev->buf, dev->len, fn,
						  data);
					lines++;
				}
				dev->len = 0;
				dev->skipping = false;
			} else if (dev->skipping) {
				continue;
			} else if (dev->len + 1 >= sizeof(dev->buf)) {
				dev->skipping = true;
				dev->len = 0;
			} else {
				dev->buf[dev->len++] = c;
			}
		}
	}
}
