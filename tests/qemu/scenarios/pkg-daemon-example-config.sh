#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The packaged daemon with the packaged example configuration, the way a
# tenant meets it after `apt install tcb-renewd tsm-watchdog-dkms`:
# 1. /etc/tcb-renewd.conf exactly as shipped (the heredoc below; the host
#    test packaging/tests/deb-test fails if it differs from
#    tools/tcb-renewd/tcb-renewd.conf.example or from the .deb's conffile)
#    approves nothing: `check-config` and `run` refuse it with "no policy"
#    (exit 2, which the unit's RestartPreventExitStatus=2 does not
#    restart), and the watchdog is never armed;
# 2. the one edit the file asks for (uncomment its `approve` line, whose TCB
#    the simulated host then runs): check-config passes and `run` (with the
#    directories the unit's StateDirectory=/RuntimeDirectory= provide) arms
#    the watchdog and keeps it fed past a kernel timeout;
# 3. the host moves to a TCB the example does not approve: the daemon
#    re-verifies on the `changed` event and, with the example's
#    on_deny = reject, fires the watchdog (action=log here) well before the
#    grace period ends;
# 4. SIGTERM stops the daemon cleanly.
# The kernel policy is the packaged /etc/modprobe.d defaults but for
# action=log (so that the guest survives) and a 30 s timeout.
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

CONF=/etc/tcb-renewd.conf
DLOG=/tmp/tcb-renewd.log
mkdir -p /etc
: > "$DLOG"
command -v tcb-renewd > /dev/null ||
	fail "tcb-renewd is not on the guest's PATH (make -C tools/tcb-renewd static)"

# --- /etc/tcb-renewd.conf as packaged (keep byte-identical) ---
cat > "$CONF" <<'TCB_RENEWD_CONF_EXAMPLE'
# /etc/tcb-renewd.conf: see tcb-renewd.conf(5).
#
# As shipped, no TCB is approved, so tcb-renewd refuses to start ("no
# policy") and never arms the watchdog; the Debian package does not enable
# tcb-renewd.service either. Uncomment and fill in [policy] (and/or
# [verifier]) with what your attestation verifier accepts, check it with
# `tcb-renewd check-config`, then `systemctl enable --now tcb-renewd`.

[watchdog]
device = /dev/tsm_watchdog
; seconds between verifications; at most half the kernel's timeout
heartbeat = 10

[report]
configfs = /sys/kernel/config/tsm/report
; seconds one attestation report may take (a throttled host is slower)
timeout = 5

[policy]
; TCBs that may be acked
;approve = snp:d315000000000004
; or: every component at least this one's
;minimum = snp:d315000000000004
; pre-approved future TCBs (sent to the kernel as `expect`)
;expect = snp:d316000000000004
; reject (fire the watchdog's action now) or withhold (stop feeding it)
on_deny = reject
; what an approval raises the persisted floor to: highest (the TCB itself)
; or committed (SEV-SNP: the report's COMMITTED_TCB, so that a host may back
; out a firmware update it has not committed; see tcb-renewd.conf(5))
;floor = highest
state = /var/lib/tcb-renewd/state

;[verifier]
;command = /usr/libexec/tcb-verify
;timeout = 10
; the hook's user (default: root); under systemd it runs in a unit of its
; own, with the network the daemon does not have
;user = tcb-verify

;[metrics]
; Prometheus text file for node-exporter's textfile collector
;textfile = /var/lib/prometheus/node-exporter/tcb-renewd.prom
TCB_RENEWD_CONF_EXAMPLE
# --- end of the packaged configuration ---

show_log() { sed 's/^/  log: /' "$DLOG"; }

load_sim
load_wd mode=relaxed action=log timeout=30 grace=30 poll_ms=200 nowayout=0
wait_attr source sim 5

# --- 1. as shipped: refused, nothing armed -----------------------------------
tcb-renewd check-config -c "$CONF" >> "$DLOG" 2>&1
rc=$?
[ $rc = 2 ] || { show_log; fail "check-config of the shipped file: exit $rc, expected 2 (no policy)"; }
ok "check-config refuses the shipped file (exit 2)"
grep -q 'no policy' "$DLOG" || { show_log; fail "the refusal does not say 'no policy'"; }
ok "the refusal says why: $(grep -m1 'no policy' "$DLOG")"
tcb-renewd run -c "$CONF" >> "$DLOG" 2>&1 &
pid=$!
_end=$(( $(now_ms) + 10000 ))
while kill -0 $pid 2>/dev/null; do
	[ "$(now_ms)" -lt "$_end" ] || { kill -9 $pid; show_log; fail "run with the shipped file did not exit"; }
	sleep 0.1
done
wait $pid
rc=$?
[ $rc != 0 ] || { show_log; fail "run with the shipped file exited 0"; }
ok "run with the shipped file exits $rc"
expect_attr state disarmed
expect_attr fire_count 0

# --- 2. the admin's edit: approve the running TCB -----------------------------
tcb=$(sed -n 's/^;approve = \([^ ]*\).*/\1/p' "$CONF" | head -n 1)
[ -n "$tcb" ] || fail "the example has no ';approve = TCB' line to uncomment"
sed -i 's/^;approve = /approve = /' "$CONF"
sim_tcb_set "$tcb"
wait_attr current_tcb "$tcb" 5
tcb-renewd check-config -c "$CONF" >> "$DLOG" 2>&1 || { show_log; fail "check-config refuses the edited file"; }
ok "check-config accepts the example with its approve line uncommented"
# What the unit's StateDirectory= and RuntimeDirectory= create.
mkdir -p /var/lib/tcb-renewd /run/tcb-renewd
chmod 700 /var/lib/tcb-renewd
tcb-renewd run -c "$CONF" >> "$DLOG" 2>&1 &
pid=$!
log "tcb-renewd run (pid $pid)"
_end=$(( $(now_ms) + 20000 ))
until [ "$(wd_attr state)" = armed ]; do
	kill -0 $pid 2>/dev/null || { show_log; fail "the daemon exited before arming the watchdog"; }
	[ "$(now_ms)" -lt "$_end" ] || { show_log; fail "the watchdog was not armed within 20 s"; }
	sleep 0.2
done
ok "the daemon armed the watchdog"
expect_attr acked_tcb "$tcb"
# Fed across more than one kernel timeout (30 s) by 10 s heartbeats.
sleep 36
kill -0 $pid 2>/dev/null || { show_log; fail "the daemon died while feeding"; }
expect_attr state armed
expect_attr fire_count 0
tl=$(wd_attr timeleft)
expect_int_ge "$tl" 15 "timeleft after 36 s (heartbeats reset it)"
tcb-renewd status > /tmp/status.out 2>&1 || { cat /tmp/status.out; fail "tcb-renewd status failed"; }
ok "tcb-renewd status: $(tr '\n' ' ' < /tmp/status.out | cut -c1-160)"

# --- 3. an unapproved TCB: on_deny = reject fires at once -------------------
new=$(sed -n 's/^;expect = \([^ ]*\).*/\1/p' "$CONF" | head -n 1)
[ -n "$new" ] && [ "$new" != "$tcb" ] || new=snp:d316000000000004
sim_tcb_set "$new"
t0=$(now_ms)
_end=$(( t0 + 20000 ))
until [ "$(wd_attr state)" = fired ]; do
	[ "$(now_ms)" -lt "$_end" ] || { show_log; fail "state '$(wd_attr state)' 20 s after an unapproved TCB"; }
	sleep 0.1
done
dt=$(( $(now_ms) - t0 ))
expect_int_le "$dt" 20000 "ms from the unapproved TCB to fired (grace is 30 s)"
expect_attr fire_count 1
grep -qi 'reject\|den' "$DLOG" || { show_log; fail "the daemon's log does not mention the denial"; }
ok "the daemon logged the denial"

# --- 4. SIGTERM ---------------------------------------------------------------
kill -0 $pid 2>/dev/null || { show_log; fail "the daemon exited after the denial"; }
kill -TERM $pid
_end=$(( $(now_ms) + 10000 ))
while kill -0 $pid 2>/dev/null; do
	[ "$(now_ms)" -lt "$_end" ] || { show_log; fail "the daemon ignored SIGTERM for 10 s"; }
	sleep 0.1
done
wait $pid
rc=$?
expect_eq "$rc" 0 "daemon exit status after SIGTERM"
show_log
expect_ok disarm
unload_sim
unload_wd
pass
