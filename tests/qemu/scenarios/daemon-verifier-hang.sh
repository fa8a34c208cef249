#!/bin/sh
# A verifier hook that hangs leads to a denial after its timeout, not to a
# hung daemon: the hook's whole process group is killed, the daemon keeps
# answering, and once the hook approves again the watchdog is re-armed.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"
. "${TSM_WD_DAEMON_LIB:-/usr/share/tsm-watchdog/daemon-lib.sh}"

HOOK=/tmp/verify-hook
cat > "$HOOK" <<'HOOKEOF'
#!/bin/sh
# approves unless /tmp/hang exists; then hangs (with a helper child)
echo "$TCB_RENEWD_TCB $TCB_RENEWD_PROVIDER $(wc -c < "$1")" > /tmp/hook-saw
if [ -e /tmp/hang ]; then
	sleep 1000 &
	echo $! >> /tmp/hook-children
	sleep 1000
fi
exit 0
HOOKEOF
chmod +x "$HOOK"

load_sim
sim_tcb_set "$TCB1"
load_wd mode=relaxed action=log timeout=8 grace=4 poll_ms=200
daemon_conf 1 "approve = $TCB1" "on_deny = reject" "[verifier]" "command = $HOOK" "timeout = 2"
daemon_start
wait_attr state armed 10
expect_eq "$(cat /tmp/hook-saw)" "$TCB1 tsm_wd_sim 1184" "hook saw TCB, provider and the raw report"

touch /tmp/hang
t0=$(now_ms)
wait_log "timed out after 2000 ms" 8
wait_state fired 5
dt=$(( $(now_ms) - t0 ))
# the reject, not the kernel's own timeout (8 s), fired it (also checked
# below by the log); 6 s was seen to be too tight on a loaded host
expect_int_le "$dt" 7900 "ms from hanging hook to fired"
wait_log "sent reject for $TCB1" 2
daemon_alive || fail "daemon died"
# the daemon still answers: its status file moves on
v1=$(sed -n 's/^verifications=//p' /run/tcb-renewd/status)
sleep 4
v2=$(sed -n 's/^verifications=//p' /run/tcb-renewd/status)
expect_int_ge "$v2" "$((v1 + 1))" "verifications go on while the hook hangs"
rm /tmp/hang
wait_attr state armed 8
wait_log "approved and acked $TCB1 (bl=4 tee=0 snp=21 ucode=211): listed in approve, verifier approved" 2
# every hanging hook's helper was killed with its process group
for child in $(cat /tmp/hook-children); do
	if [ -d "/proc/$child" ] && ! grep -q '^State:.*Z' "/proc/$child/status"; then
		fail "a hanging hook's child ($child) survived"
	fi
done
ok "the hanging hooks' process groups were killed ($(wc -l < /tmp/hook-children) helpers)"
daemon_stop
pass
