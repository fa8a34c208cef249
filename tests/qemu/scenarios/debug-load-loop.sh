#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Lifetime stress for the debug kernel (KASAN, lockdep, kmemleak, debugobjects
# catch what goes wrong; on the distro kernel it only checks the states).
#
# Part 1, LOOPS times: load tsm_watchdog (action=log, poll_ms=50) and
# tsm_wd_sim, arm, fire, re-arm, make every TCB read slow (delay_ms) so that a
# poll is in flight, unload the sim while the core polls it, disarm, unload
# the core. The way it fires rotates: `reject`; a TCB change in strict mode
# (fired from the poll worker); a TCB change in relaxed mode whose grace timer
# is still running when the sim goes away and expires with no source.
#
# Part 2: two background loops create a configfs-tsm report item, write
# inblob, read outblob and provider, remove the item, while the foreground
# unloads and reloads tsm_wd_sim (with report delays) RELOADS times. Reads may
# fail while the provider is gone; every rmdir must succeed and reads must
# succeed while it is there.
#
# timeout: 240
set -u

LOOPS=${1:-30}
RELOADS=${2:-15}
MODDIR=/lib/modules/tsm-watchdog
WD=/sys/class/misc/tsm_watchdog
SIM=/sys/kernel/debug/tsm_wd_sim
DEV=/dev/tsm_watchdog
REPORT=/sys/kernel/config/tsm/report

fail() {
	echo "FAIL: debug-load-loop: $*"
	for f in state mode source current_tcb acked_tcb fire_count last_event; do
		[ -r "$WD/$f" ] && echo "  $f: $(cat "$WD/$f" 2>&1)"
	done
	exit 1
}
step() { echo "debug-load-loop: $*"; }

attr() { cat "$WD/$1" 2>/dev/null; }

# wait_attr NAME VALUE: up to 10 s (slow under KASAN and TCG).
wait_attr() {
	n=0
	while [ "$(attr "$1")" != "$2" ]; do
		n=$((n + 1))
		[ $n -le 200 ] || fail "$1 is '$(attr "$1")', expected '$2'"
		sleep 0.05
	done
}

cmd() {
	echo "$*" > "$DEV" || fail "command '$*' refused"
}

load_core() {
	insmod "$MODDIR/tsm_watchdog.ko" "$@" || fail "insmod tsm_watchdog $*"
	[ -c "$DEV" ] || fail "$DEV missing after insmod"
}

load_sim() {
	insmod "$MODDIR/tsm_wd_sim.ko" || fail "insmod tsm_wd_sim"
	[ -d "$SIM" ] || fail "$SIM missing after insmod"
}

# unload MODULE: a source must be removable while the core uses it; a
# transient EBUSY while a read holds a reference is retried (up to 5 s).
unload() {
	n=0
	until rmmod "$1" 2>/dev/null; do
		n=$((n + 1))
		[ $n -le 50 ] || { rmmod "$1"; fail "rmmod $1"; }
		sleep 0.1
	done
	grep -q "^$1 " /proc/modules && fail "$1 still listed after rmmod"
	return 0
}

# newer TCB: the same value with the top byte (SNP ucode SVN) raised, so the
# core sees a change, not a rollback.
newer_tcb() {
	hex=${1#snp:}
	top=${hex%??????????????}
	case "$top" in
	fe|ff) top=ff ;;
	*) top=fe ;;
	esac
	echo "snp:$top${hex#??}"
}

[ -f "$MODDIR/tsm_watchdog.ko" ] && [ -f "$MODDIR/tsm_wd_sim.ko" ] ||
	fail "project modules missing in $MODDIR"
grep -q '^tsm ' /proc/modules || fail "tsm.ko (configfs-tsm) is not loaded"

# ---- part 1: load, arm, fire, unload the source mid-poll, unload ----------
i=1
while [ $i -le "$LOOPS" ]; do
	how=$((i % 3))
	load_core mode=relaxed action=log timeout=60 grace=1 poll_ms=50 nowayout=0
	load_sim
	wait_attr state disarmed
	tcb=$(cat "$SIM/tcb") || fail "read $SIM/tcb"
	cmd "ack $tcb"
	wait_attr state armed
	wait_attr acked_tcb "$tcb"
	[ "$(attr fire_count)" = 0 ] || fail "fire_count $(attr fire_count) before firing"

	case $how in
	0)	cmd reject ;;
	1)	cmd "set mode strict"
		echo "$(newer_tcb "$tcb")" > "$SIM/tcb" || fail "write $SIM/tcb" ;;
	2)	echo "$(newer_tcb "$tcb")" > "$SIM/tcb" || fail "write $SIM/tcb"
		wait_attr state changed ;;
	esac

	if [ $how = 2 ]; then
		# The grace timer is armed: make polls slow and pull the source
		# out from under it; the timer then fires with no source.
		echo 40 > "$SIM/delay_ms" || fail "write delay_ms"
		sleep 0.2
		unload tsm_wd_sim
		wait_attr state fired
		[ "$(attr fire_count)" = 1 ] || fail "fire_count $(attr fire_count) after the grace expired"
	else
		wait_attr state fired
		[ "$(attr fire_count)" = 1 ] || fail "fire_count $(attr fire_count) after one fire"
		# Re-arm on the current TCB, then slow every read down so that a
		# poll (every 50 ms) is in flight when the sim unloads.
		cmd "ack $(cat "$SIM/tcb")"
		wait_attr state armed
		echo 40 > "$SIM/delay_ms" || fail "write delay_ms"
		sleep 0.3
		unload tsm_wd_sim
	fi
	# The core keeps working without a source: sysfs reads, a poll period.
	sleep 0.2
	for f in state source current_tcb acked_tcb expected_tcbs timeleft last_event; do
		cat "$WD/$f" > /dev/null || fail "read $f with no source"
	done
	cmd disarm
	wait_attr state disarmed
	unload tsm_watchdog
	[ -e "$DEV" ] && fail "$DEV still present after rmmod"
	[ $((i % 10)) = 0 ] && step "load loop $i/$LOOPS done"
	i=$((i + 1))
done
step "part 1: $LOOPS load/arm/fire/unload cycles passed"

# ---- part 2: configfs report items while the provider comes and goes ------
load_core mode=relaxed action=log timeout=60 grace=5 poll_ms=50 nowayout=0
load_sim
[ -d "$REPORT" ] || fail "$REPORT missing"
nonce=$(printf '%064d' 7)

reader() {
	id=$1
	n=0
	while [ ! -e /tmp/stop-readers ]; do
		n=$((n + 1))
		d=$REPORT/dll-$id-$n
		mkdir "$d" 2>/dev/null || { sleep 0.02; continue; }
		if printf '%s' "$nonce" > "$d/inblob" 2>/dev/null &&
		   sz=$(cat "$d/outblob" 2>/dev/null | wc -c) && [ "$sz" -gt 0 ]; then
			[ "$(cat "$d/provider" 2>/dev/null)" = tsm_wd_sim ] &&
				echo "$sz" >> "/tmp/reader-ok-$id"
		fi
		cat "$d/generation" > /dev/null 2>&1
		rmdir "$d" || echo "rmdir $d failed" >> /tmp/reader-errors
	done
}
rm -f /tmp/stop-readers /tmp/reader-ok-* /tmp/reader-errors
reader a &
pa=$!
reader b &
pb=$!

j=1
while [ $j -le "$RELOADS" ]; do
	echo 30 > "$SIM/delay_ms" || fail "write delay_ms"
	sleep 0.3
	unload tsm_wd_sim
	sleep 0.1
	load_sim
	j=$((j + 1))
done
sleep 0.5
touch /tmp/stop-readers
wait $pa
wait $pb

[ -s /tmp/reader-errors ] && { cat /tmp/reader-errors; fail "report items could not be removed"; }
oka=$(cat /tmp/reader-ok-a 2>/dev/null | wc -l)
okb=$(cat /tmp/reader-ok-b 2>/dev/null | wc -l)
[ $((oka + okb)) -gt 0 ] || fail "no report read succeeded during the reload loop"
left=$(ls "$REPORT" | wc -l)
[ "$left" = 0 ] || fail "$left report items left in $REPORT"

# With the provider back, a report must work and carry the SNP layout size.
d=$REPORT/dll-final
mkdir "$d" || fail "mkdir $d"
printf '%s' "$nonce" > "$d/inblob" || fail "write inblob"
sz=$(cat "$d/outblob" | wc -c)
[ "$sz" = 1184 ] || fail "outblob is $sz bytes, expected 1184"
rmdir "$d" || fail "rmdir $d"

unload tsm_wd_sim
unload tsm_watchdog
step "part 2: $RELOADS provider reloads under $((oka + okb)) successful concurrent reports passed"
echo "PASS: debug-load-loop"
