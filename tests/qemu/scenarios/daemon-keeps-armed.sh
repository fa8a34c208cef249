#!/bin/sh
# tcb-renewd keeps the watchdog armed across at least five kernel timeouts
# (heartbeat 1 s, kernel timeout 4 s, 21 s), nothing fires; also measures
# the daemon's resident memory and CPU time per heartbeat.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=4 grace=2 poll_ms=200
daemon_conf 1 "approve = $TCB1"
daemon_start
wait_attr state armed 10
expect_attr acked_tcb "$TCB1"
wait_log "approved and acked $TCB1 (bl=4 tee=0 snp=21 ucode=211)" 5

# CPU time so far (start-up), then over the measured window
clk=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu() { awk '{ print $14 + $15 }' "/proc/$DPID/stat"; }
# nanoseconds on a CPU (schedstat), finer than the clock ticks above
cpu_ns() { awk '{ print $1 }' "/proc/$DPID/schedstat" 2>/dev/null || echo 0; }
verif() { sed -n 's/^verifications=//p' /run/tcb-renewd/status; }
c0=$(cpu); n0=$(cpu_ns); v0=$(verif); t0=$(now_ms)
sleep 21
c1=$(cpu); n1=$(cpu_ns); v1=$(verif); t1=$(now_ms)
daemon_alive || fail "daemon died"
expect_attr state armed
expect_attr fire_count 0
expect_attr acked_tcb "$TCB1"
n=$((v1 - v0))
expect_int_ge "$n" 15 "verifications in 21 s"
rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$DPID/status")
hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$DPID/status")
cpu_ms=$(( (c1 - c0) * 1000 / clk ))
log "measure: rss_kb=$rss peak_rss_kb=$hwm heartbeats=$n cpu_ms=$cpu_ms (clock ticks) cpu_us_per_heartbeat=$(( cpu_ms * 1000 / n )) window_ms=$((t1 - t0))"
[ "$n1" -gt 0 ] 2>/dev/null &&
	log "measure: schedstat cpu_us_per_heartbeat=$(( (n1 - n0) / 1000 / n ))"
! grep -q "denied\|error" "$DLOG" || { show_log; fail "daemon logged a denial or error"; }
ok "no denial, no error in the daemon log"
tcb-renewd status | sed 's/^/  /'
daemon_stop
# closing the device never disarms
expect_attr state armed
pass
