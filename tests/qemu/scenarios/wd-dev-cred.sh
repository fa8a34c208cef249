#!/bin/sh
# Credentials are the opener's, file->f_cred (issue 12, defect 7): a file
# opened by root keeps working after its process dropped CAP_SYS_ADMIN or
# became an unprivileged user (as any open file does); a process that
# opens without CAP_SYS_ADMIN is refused (EPERM; EACCES for another user,
# mode 0600) whatever it writes, and changes nothing.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd timeout=600 grace=600 poll_ms=100 action=log
wait_attr current_tcb "$TCB1" "$(ts 3)"
# Opened with the capability, written without it.
expect_eq "$(wdctl opened-nocap "ack $TCB1")" ok "ack through a file opened before CAP_SYS_ADMIN was dropped"
expect_attr state armed
expect_eq "$(wdctl opened-nobody "set timeout 300" "expect $TCB2")" ok "set, expect through a file opened before setuid(65534)"
expect_attr timeout 300
expect_attr expected_tcbs "$TCB2"
# Opened without it: refused at open, nothing changes.
before=$(wd_snapshot)
expect_eq "$(wdctl nocap "set timeout 5")" EPERM "open without CAP_SYS_ADMIN"
expect_eq "$(wdctl nocap disarm)" EPERM "open without CAP_SYS_ADMIN (disarm)"
expect_eq "$(wdctl nobody "ack $TCB1")" EACCES "open as uid 65534"
expect_eq "$(wd_snapshot)" "$before" "sysfs after refused opens"
expect_attr state armed
pass
