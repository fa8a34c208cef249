#!/bin/sh
# Model-based differential test (issue 14, tests/model/README.md): seeded
# random sequences of commands (ack, expect, reject, set, disarm), sim host
# actions (tcb, errno, commit, revert) and timed episodes (heartbeat and
# grace expiry, source-lost under busy throttling, a freeze_ms pause with
# "resumed" and one grace), predicted step by step by wd-model (the rules of
# tests/model/rules.h, the Promela model's) and run against the kernel; the
# first divergence prints the seed and the step.
# The core starts with timeout = grace = 1 day, poll_ms = 10 min: only the
# timed episodes make a deadline due, and wait well past it.
# Modes relaxed, strict, permissive, then nowayout (relaxed, nowayout=1:
# last, as the core can not be unloaded after it).
# ARGS: [SEEDS-PER-MODE [STEPS [FIRST-SEED]]] (make model-soak); without
# ARGS the fixed set of make test: 5 sequences of 30 steps whose seeds
# between them drive every step kind (wd-model print shows them):
# relaxed 12 (pause, expiry after one grace) and 24 (grace expiry),
# strict 15 (expiry, source-lost), permissive 1 (source-lost, no fire),
# nowayout 6 (disarm and weaker set refused).
# timeout: 900
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

steps=${2:-30}
seeds_of() {	# seeds_of MODE
	if [ -n "$nseeds" ]; then
		seq "$first" $((first + nseeds - 1))
		return
	fi
	case $1 in
	relaxed) echo 12 24 ;;
	strict) echo 15 ;;
	permissive) echo 1 ;;
	nowayout) echo 6 ;;
	esac
}
nseeds=${1:-}
first=${3:-1}
runs=0
for mode in relaxed strict permissive nowayout; do
	for seed in $(seeds_of $mode); do
		load_sim tcb=snp:d315000000000004
		nwo=0 m=$mode
		[ "$mode" = nowayout ] && nwo=1 m=relaxed
		load_wd mode=$m action=log timeout=86400 grace=86400 \
			poll_ms=600000 nowayout=$nwo
		wait_attr current_tcb snp:d315000000000004 "$(ts 3)"
		wd-model run "$mode" "$seed" "$steps" ||
			fail "divergence from the model: mode $mode seed $seed (wd-model print $mode $seed $steps shows the prediction)"
		runs=$((runs + 1))
		# nowayout binds: the core stays; one nowayout sequence only
		[ "$mode" = nowayout ] && break
		wdctl write disarm > /dev/null
		wdctl write "set mode permissive" > /dev/null
		unload_sim
		unload_wd
	done
done
ok "$runs sequences of $steps steps as the model predicts"
pass
