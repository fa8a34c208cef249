#!/bin/sh
# The device is mode 0600 and every command needs CAP_SYS_ADMIN: a root
# process without CAP_SYS_ADMIN and an unprivileged user are refused and
# change nothing.
# timeout: 60
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd timeout="$(ts 10)" poll_ms=100 action=log
wait_attr current_tcb "$TCB1" "$(ts 3)"
expect_eq "$(stat -c %a "$WD_DEV")" 600 "mode of $WD_DEV"
before=$(wd_snapshot)
expect_eq "$(wdctl nocap "ack $TCB1")" EPERM "ack without CAP_SYS_ADMIN"
expect_eq "$(wdctl nocap "set timeout 5")" EPERM "set without CAP_SYS_ADMIN"
expect_eq "$(wdctl nobody "ack $TCB1")" EACCES "ack as uid 65534"
expect_eq "$(wd_snapshot)" "$before" "sysfs after refused commands"
expect_attr state disarmed
# Armed: a process without the capability can neither disarm nor reject.
expect_ok "ack $TCB1"
expect_eq "$(wdctl nocap disarm)" EPERM "disarm without CAP_SYS_ADMIN"
expect_eq "$(wdctl nocap reject)" EPERM "reject without CAP_SYS_ADMIN"
expect_attr state armed
expect_attr fire_count 0
pass
