#!/bin/sh
# A throttled SNP host (busy): of every 10 TCB reads one is answered, every
# 10th answer stalls. Real figures: ~1 request a second, stalls of ~10 s;
# here poll_ms 100 gives one answer a second and stalls of 1 s (x time
# scale), over 60 s (the minutes of a real soak, scaled down like the other
# scenarios). The source is busy, never lost: zero fires, userspace's acks
# keep passing, and a pre-approved update is still renewed.
# timeout: 240
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_SIM_LIB:-/usr/share/tsm-watchdog/sim-lib.sh}"

sim_setup snp mode=relaxed timeout="$(ts 10)" grace="$(ts 5)" poll_ms=100 action=log
sim_delay "$(ts 1000)"
sim_knob busy "10 10"

# heartbeat every 2 s for 60 s; halfway the host updates to a pre-approved TCB
end=$(( $(now_ms) + $(ts 60000) ))
half=$(( $(now_ms) + $(ts 30000) ))
updated=0
while [ "$(now_ms)" -lt "$end" ]; do
	if [ $updated = 0 ] && [ "$(now_ms)" -ge "$half" ]; then
		expect_ok "expect $TCB2"
		sim_tcb_set "$TCB2"
		updated=1
	fi
	# A heartbeat acks the baseline. Right after the host update the
	# ack's own read may be the first to get through and see TCB2: the
	# ack is then ESTALE (rule 2) while that read renews the baseline, so
	# a daemon acks the new baseline. Only TCB2 may appear that way.
	cur=$(wd_attr acked_tcb)
	r=$(wdctl write "ack $cur")
	if [ "$r" = ESTALE ] && [ $updated = 1 ] && [ "$cur" = "$TCB1" ]; then
		cur=$(wd_attr acked_tcb)
		expect_eq "$cur" "$TCB2" "baseline after the ESTALE ack"
		r=$(wdctl write "ack $cur")
	fi
	[ "$r" = ok ] || fail "heartbeat ack $cur: $r"
	[ "$(wd_attr fire_count)" = 0 ] || fail "fired while throttled"
	sleep "$(ts 2)"
done
ok "60 s of heartbeats through a throttled source"

expect_attr fire_count 0
expect_attr state armed
expect_attr acked_tcb "$TCB2"
expect_no_event fired
expect_no_event source-lost
expect_no_event rollback
expect_event renewed "$TCB2"
expect_int_ge "$(wd_attr source_errors)" 100 "busy reads counted in source_errors"
pass
