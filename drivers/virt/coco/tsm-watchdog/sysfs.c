// SPDX-License-Identifier: GPL-2.0-only
/*
 * Read-only sysfs attributes of /sys/class/misc/tsm_watchdog/.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/sysfs.h>

#include "tsm_wd.h"

static struct tsm_wd *tsm_wd_from_dev(struct device *dev)
{
	struct miscdevice *misc = dev_get_drvdata(dev);

	return container_of(misc, struct tsm_wd, misc);
}

/* Show one attribute with ->lock held. */
#define TSM_WD_ATTR(_name, _fmt, _expr)					\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	struct tsm_wd *wd = tsm_wd_from_dev(dev);			\
									\
	guard(mutex)(&wd->lock);					\
	return sysfs_emit(buf, _fmt "\n", _expr);			\
}									\
static DEVICE_ATTR_RO(_name)

TSM_WD_ATTR(state, "%s", tsm_wd_state_names[wd->state]);
TSM_WD_ATTR(mode, "%s", tsm_wd_mode_names[wd->pol.mode]);
TSM_WD_ATTR(action, "%s", tsm_wd_action_names[wd->pol.action]);
TSM_WD_ATTR(timeout, "%u", wd->pol.timeout);
TSM_WD_ATTR(timeleft, "%u", tsm_wd_timeleft(wd));
TSM_WD_ATTR(grace, "%u", wd->pol.grace);
TSM_WD_ATTR(poll_ms, "%u", wd->pol.poll_ms);
TSM_WD_ATTR(nowayout, "%d", wd->nowayout);
TSM_WD_ATTR(source, "%s", wd->src ? wd->src->name : "none");
TSM_WD_ATTR(fire_count, "%u", wd->fire_count);
TSM_WD_ATTR(last_event, "%s", wd->last_event < TSM_WD_NR_EVENTS ?
	    tsm_wd_event_names[wd->last_event] : "none");
TSM_WD_ATTR(source_errors, "%u", wd->source_errors);

static ssize_t tcb_static_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct tsm_wd *wd = tsm_wd_from_dev(dev);

	guard(mutex)(&wd->lock);
	switch (wd->tcb_static) {
	case TSM_WD_TCB_DYNAMIC:
		return sysfs_emit(buf, "0\n");
	case TSM_WD_TCB_STATIC:
		return sysfs_emit(buf, "1\n");
	default:
		return sysfs_emit(buf, "unknown\n");
	}
}
static DEVICE_ATTR_RO(tcb_static);

/* "none" when @valid is false, else the text form of @tcb. */
static ssize_t tsm_wd_tcb_show(char *buf, bool valid,
			       const struct tsm_wd_tcb *tcb)
{
	char text[TSM_WD_TCB_TEXT_MAX];

	if (!valid)
		return sysfs_emit(buf, "none\n");
	tsm_wd_tcb_format(tcb, text, sizeof(text));
	return sysfs_emit(buf, "%s\n", text);
}

/*
 * While nothing polls (tsm_wd_polling()), reading current_tcb reads the
 * source, so that it never shows a TCB older than the read.
 */
static ssize_t current_tcb_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct tsm_wd *wd = tsm_wd_from_dev(dev);
	bool polling;

	scoped_guard(mutex, &wd->lock)
		polling = tsm_wd_polling(wd);
	if (!polling)
		tsm_wd_refresh(wd);
	guard(mutex)(&wd->lock);
	return tsm_wd_tcb_show(buf, wd->have_current, &wd->current_tcb);
}
static DEVICE_ATTR_RO(current_tcb);

static ssize_t floor_tcb_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct tsm_wd *wd = tsm_wd_from_dev(dev);

	guard(mutex)(&wd->lock);
	return tsm_wd_tcb_show(buf, wd->have_floor, &wd->floor_tcb);
}
static DEVICE_ATTR_RO(floor_tcb);

static ssize_t launch_tcb_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct tsm_wd *wd = tsm_wd_from_dev(dev);

	guard(mutex)(&wd->lock);
	return tsm_wd_tcb_show(buf, wd->have_launch, &wd->launch_tcb);
}
static DEVICE_ATTR_RO(launch_tcb);

static ssize_t acked_tcb_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct tsm_wd *wd = tsm_wd_from_dev(dev);

	guard(mutex)(&wd->lock);
	return tsm_wd_tcb_show(buf, wd->have_acked, &wd->acked_tcb);
}
static DEVICE_ATTR_RO(acked_tcb);

static ssize_t expected_tcbs_show(struct device *dev,
				  struct device_attribute *attr, char *buf)
{
	struct tsm_wd *wd = tsm_wd_from_dev(dev);
	char text[TSM_WD_TCB_TEXT_MAX];
	unsigned int i;
	int n = 0;

	guard(mutex)(&wd->lock);
	for (i = 0; i < wd->n_expected; i++) {
		tsm_wd_tcb_format(&wd->expected[i], text, sizeof(text));
		n += sysfs_emit_at(buf, n, "%s\n", text);
	}
	return n;
}
static DEVICE_ATTR_RO(expected_tcbs);

static struct attribute *tsm_wd_attrs[] = {
	&dev_attr_state.attr,
	&dev_attr_mode.attr,
	&dev_attr_action.attr,
	&dev_attr_timeout.attr,
	&dev_attr_timeleft.attr,
	&dev_attr_grace.attr,
	&dev_attr_poll_ms.attr,
	&dev_attr_nowayout.attr,
	&dev_attr_source.attr,
	&dev_attr_current_tcb.attr,
	&dev_attr_acked_tcb.attr,
	&dev_attr_expected_tcbs.attr,
	&dev_attr_fire_count.attr,
	&dev_attr_last_event.attr,
	&dev_attr_floor_tcb.attr,
	&dev_attr_launch_tcb.attr,
	&dev_attr_tcb_static.attr,
	&dev_attr_source_errors.attr,
	NULL
};

static const struct attribute_group tsm_wd_group = {
	.attrs = tsm_wd_attrs,
};

const struct attribute_group *tsm_wd_groups[] = {
	&tsm_wd_group,
	NULL
};
