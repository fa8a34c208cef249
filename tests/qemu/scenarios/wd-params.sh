#!/bin/sh
# Module parameters: Kconfig defaults (relaxed, warn, 60 s, 30 s, 1000 ms,
# nowayout off), edge values accepted, out-of-range values refused at load.
# timeout: 90
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

load_wd
expect_attr mode relaxed
expect_attr action warn
expect_attr timeout 60
expect_attr grace 30
expect_attr poll_ms 1000
expect_attr nowayout 0
expect_attr state disarmed
expect_attr fire_count 0
expect_attr acked_tcb none
expect_attr expected_tcbs ""
unload_wd

load_wd mode=strict action=panic timeout=86400 grace=86400 poll_ms=600000 nowayout=1
expect_attr mode strict
expect_attr action panic
expect_attr timeout 86400
expect_attr grace 86400
expect_attr poll_ms 600000
expect_attr nowayout 1
unload_wd		# never armed: nowayout does not pin it yet

load_wd mode=permissive action=reboot timeout=1 grace=1 poll_ms=50
expect_attr mode permissive
expect_attr action reboot
expect_attr timeout 1
expect_attr grace 1
expect_attr poll_ms 50
unload_wd

for p in timeout=0 timeout=86401 grace=0 grace=86401 poll_ms=49 poll_ms=600001 \
	 mode=lenient mode= action=explode action= timeout=-1 nowayout=2; do
	if insmod "$WD_MODDIR/tsm_watchdog.ko" "$p" 2>/dev/null; then
		rmmod tsm_watchdog
		fail "insmod with $p succeeded"
	fi
	[ -e "$WD_DEV" ] && fail "$WD_DEV exists after a refused insmod ($p)"
	ok "insmod with $p refused"
done
# Still loadable after all the refusals.
load_wd timeout=5
expect_attr timeout 5
pass
