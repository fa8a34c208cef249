#!/bin/sh
# Model-based differential test (issue 14, tests/model/README.md): seeded
# random sequences of commands and sim host actions, predicted step by step
# by wd-model (the rules of tests/model/rules.h, the Promela model's) and run
# against the kernel; the first divergence prints the seed and the step.
# Timer-free: timeout = grace = 1 day, poll_ms = 10 min; tcb writes
# push-notify the core. ARGS: [SEEDS-PER-MODE [STEPS]] (default 3 40).
# timeout: 900
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

nseeds=${1:-3}
steps=${2:-40}
runs=0
for mode in relaxed strict permissive; do
	seed=1
	while [ "$seed" -le "$nseeds" ]; do
		load_sim tcb=snp:d315000000000004
		load_wd mode=$mode action=log timeout=86400 grace=86400 \
			poll_ms=600000 nowayout=0
		wait_attr current_tcb snp:d315000000000004 "$(ts 3)"
		wd-model run "$mode" "$seed" "$steps" ||
			fail "divergence from the model: mode $mode seed $seed (wd-model print $mode $seed $steps shows the prediction)"
		wdctl write disarm > /dev/null
		wdctl write "set mode permissive" > /dev/null
		unload_sim
		unload_wd
		runs=$((runs + 1))
		seed=$((seed + 1))
	done
done
ok "$runs sequences of $steps steps as the model predicts"
pass
