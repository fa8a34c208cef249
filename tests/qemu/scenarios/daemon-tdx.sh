#!/bin/sh
# tcb-renewd on the tdx platform decides on a TDREPORT (the sim's
# /dev/tdx_guest, TDX_CMD_GET_REPORT0), not on the quote the host assembles:
# it approves and acks the TDREPORT's TCB, renews on a pre-approved TDX
# module runtime update (TEE_TCB_SVN2 moves, TEE_TCB_SVN does not), and
# rejects an unapproved microcode update (CPUSVN moves), naming in its
# status which field moved; its current and launch TCB agree with the
# kernel's.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

SVN_L=0b010400000000000000000000000000
SVN_U=0d010400000000000000000000000000
CPU1=0505020200ff00000000000000000000
CPU2=0506020200ff00000000000000000000
T1=tdx:$SVN_L$CPU1		# at launch
T_MOD=tdx:$SVN_U$CPU1		# after a TDX module runtime update
T_UCODE=tdx:$SVN_U$CPU2		# and then a microcode update
st() { sed -n "s/^$1=//p" /run/tcb-renewd/status; }

load_sim platform=tdx
[ -c /dev/tdx_guest ] || fail "no /dev/tdx_guest on platform tdx"
expect_eq "$(sim_tcb_get)" "$T1" "sim tcb at load"
load_wd mode=relaxed action=log timeout=6 grace=4 poll_ms=200
daemon_conf 1 "approve = $T1" "expect = $T_MOD" "on_deny = reject"
daemon_start
wait_attr state armed 10
expect_attr acked_tcb "$T1"
wait_log "approved and acked $T1" 3
expect_eq "$(st evidence)" tdreport "status: decided on a TDREPORT"
expect_eq "$(st current_tcb)" "$(wd_attr current_tcb)" "status current_tcb = kernel current_tcb"
expect_eq "$(st launch_tcb)" "$(wd_attr launch_tcb)" "status launch_tcb = kernel launch_tcb"
expect_eq "$(st platform_floor)" "" "status: TDX has no floor"

# the host updates the TDX module at run time, to the pre-approved value
sim_tcb_set "$T_MOD"
wait_attr acked_tcb "$T_MOD" 8
expect_attr state armed
expect_attr fire_count 0
wait_log "tdreport: tee_tcb_svn2 moved (now $T_MOD" 5
expect_eq "$(st moved)" tee_tcb_svn2 "status: TEE_TCB_SVN2 moved"
expect_eq "$(st launch_tcb)" "$(wd_attr launch_tcb)" "launch TCB after the update"
case $(st launch_tcb) in
tdx:$SVN_L*) ok "launch TCB keeps TEE_TCB_SVN $SVN_L" ;;
*) fail "launch TCB $(st launch_tcb) lost TEE_TCB_SVN $SVN_L" ;;
esac

# an unapproved microcode update: CPUSVN moves; denied from the TDREPORT
sim_tcb_set "$T_UCODE"
wait_state fired 6
wait_log "denied $T_UCODE" 4
wait_log "sent reject for $T_UCODE" 2
expect_eq "$(st moved)" cpusvn "status: CPUSVN moved"
expect_attr fire_count 1
expect_attr acked_tcb "$T_MOD"
daemon_stop
pass
