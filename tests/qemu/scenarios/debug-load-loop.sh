#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Lifetime stress, written for the debug kernel (KASAN, lockdep, kmemleak and
# debugobjects report what goes wrong; on the distro kernel it only checks
# the states). Arguments: [LOOPS [RELOADS]] (default 20 and 12).
#
# Part 1, LOOPS times: load tsm_watchdog (action=log, poll_ms=50) and
# tsm_wd_sim (alternating which loads first), arm, fire, make every TCB read
# slow (delay_ms 40 of the 50 ms poll period) so that a read is in flight,
# pull a module out, unload. Rule 14: an armed, changed or fired watchdog
# pins both modules, so each variant first checks that rmmod is refused,
# then disarms; the device held open (or pushed host updates) keeps the
# disarmed core reading. Rotating variants:
#   0  `reject` fires; re-armed; the sim unloads mid-poll after disarm;
#   1  a TCB change in strict mode fires from the poll worker; re-armed;
#      the sim unloads mid-poll after disarm;
#   2  a TCB change in relaxed mode: the grace timer fires while the sim
#      can not unload; disarmed, the sim unloads mid-poll;
#   3  `reject` fires; re-armed; disarmed; the core unloads first (its exit
#      drops the source while pushed host updates keep reads in flight)
#      while the sim stays, loads again and the sim binds to it again.
#
# Part 2: two background loops create a configfs-tsm report item, write
# inblob, read outblob, provider and generation, remove the item, while the
# foreground unloads and reloads tsm_wd_sim (report delay 30 ms) RELOADS
# times. mkdir and reads may fail while the provider is gone; every item
# created must be removable, some reads must succeed, and a final report
# must be whole.
#
# timeout: 300
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

LOOPS=${1:-20}
RELOADS=${2:-12}
REPORT=/sys/kernel/config/tsm/report
WD_PARAMS="mode=relaxed action=log timeout=60 grace=1 poll_ms=50 nowayout=0"

# Quiet variants of the guest-lib checks for the loops (they print nothing
# on success; a failure still goes through fail and dumps the state).
cmd() {
	_r=$(wdctl write "$*")
	[ "$_r" = ok ] || fail "write '$*': got $_r, expected ok"
}
until_attr() {	# NAME VALUE TIMEOUT_S
	_end=$(( $(now_ms) + $3 * 1000 ))
	while [ "$(wd_attr "$1")" != "$2" ]; do
		[ "$(now_ms)" -lt "$_end" ] ||
			fail "sysfs $1 did not become '$2' within $3 s (is '$(wd_attr "$1")')"
		sleep 0.05
	done
}
attr_is() {	# NAME VALUE
	[ "$(wd_attr "$1")" = "$2" ] || fail "sysfs $1 is '$(wd_attr "$1")', expected '$2'"
}
insmod_q() {	# MODULE [PARAMS]
	_m=$1
	shift
	insmod "$WD_MODDIR/$_m.ko" "$@" || fail "insmod $_m $*"
}

# rmmod_q MODULE: a module must come out while the other one uses it; a
# transient EBUSY (a call holding a reference) is retried for up to 5 s.
rmmod_q() {
	_n=0
	until rmmod "$1" 2>/dev/null; do
		_n=$((_n + 1))
		[ $_n -le 50 ] || { rmmod "$1"; fail "rmmod $1"; }
		sleep 0.1
	done
	! grep -q "^$1 " /proc/modules || fail "$1 still listed after rmmod"
}

# newer TCB: the SNP ucode SVN (top byte) raised: a change, not a rollback.
newer_tcb() {
	_h=${1#snp:}
	case "${_h%??????????????}" in
	fe|ff) echo "snp:ff${_h#??}" ;;
	*) echo "snp:fe${_h#??}" ;;
	esac
}

slow_reads() {
	echo "$1" > "$SIM_DIR/delay_ms" || fail "write $1 to $SIM_DIR/delay_ms"
}

# refused_rmmod MODULE: rule 14, the module is pinned.
refused_rmmod() {
	rmmod "$1" 2>/dev/null && fail "rmmod $1 succeeded while pinned"
	grep -q "^$1 " /proc/modules || fail "$1 gone after a refused rmmod"
}

# polled_rmmod_sim: unload the sim while the disarmed core polls it (the
# device held open makes it poll) with slow reads in flight.
polled_rmmod_sim() {
	slow_reads 40
	wdctl hold 1 > /dev/null &
	_h=$!
	sleep 0.3
	rmmod_q tsm_wd_sim
	wait $_h
}

# The core keeps working without a source: every attribute reads.
read_all_attrs() {
	for _a in $WD_ATTRS; do
		cat "$WD_SYS/$_a" > /dev/null || fail "read $_a ($1)"
	done
}

[ -f "$WD_MODDIR/tsm_watchdog.ko" ] && [ -f "$WD_MODDIR/tsm_wd_sim.ko" ] ||
	fail "project modules missing in $WD_MODDIR"
grep -qE '^(tsm|tsm_report) ' /proc/modules ||
	fail "configfs-tsm (tsm.ko on 6.12, tsm_report.ko on 7.x) is not loaded"

# ---- part 1 -----------------------------------------------------------------
i=1
while [ "$i" -le "$LOOPS" ]; do
	v=$((i % 4))
	if [ $((i % 2)) = 0 ]; then
		insmod_q tsm_watchdog $WD_PARAMS
		insmod_q tsm_wd_sim
	else
		insmod_q tsm_wd_sim
		insmod_q tsm_watchdog $WD_PARAMS
	fi
	until_attr source sim 5
	attr_is state disarmed
	tcb=$(sim_tcb_get) || fail "read $SIM_DIR/tcb"
	until_attr current_tcb "$tcb" 5
	cmd "ack $tcb"
	attr_is state armed
	attr_is fire_count 0

	case $v in
	0|3)	cmd reject
		until_attr state fired 5 ;;
	1)	cmd "set mode strict"
		echo "$(newer_tcb "$tcb")" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
		until_attr state fired 5 ;;
	2)	echo "$(newer_tcb "$tcb")" > "$SIM_DIR/tcb" || fail "write $SIM_DIR/tcb"
		until_attr state changed 5 ;;
	esac

	case $v in
	2)	# Grace (1 s) is running: the sim is pinned, the timer fires.
		refused_rmmod tsm_wd_sim
		until_attr state fired 5
		attr_is fire_count 1
		cmd disarm
		polled_rmmod_sim
		attr_is source none
		read_all_attrs "no source"
		rmmod_q tsm_watchdog
		;;
	3)	attr_is fire_count 1
		cmd "ack $(sim_tcb_get)"
		attr_is state armed
		refused_rmmod tsm_watchdog
		cmd disarm
		slow_reads 40
		# pushed host updates keep reads in flight while the core exits
		_t=$(sim_tcb_get)
		( while [ -e "$SIM_DIR/tcb" ] && [ ! -e /tmp/stop-kicker ]; do
			echo "$_t" > "$SIM_DIR/tcb" 2>/dev/null; sleep 0.02; done ) &
		_k=$!
		sleep 0.3
		rmmod_q tsm_watchdog
		touch /tmp/stop-kicker
		wait $_k
		rm -f /tmp/stop-kicker
		[ ! -e "$WD_DEV" ] || fail "$WD_DEV still present after rmmod"
		# The sim stays and binds to the next core.
		sim_tcb_get > /dev/null || fail "sim unusable after the core left"
		insmod_q tsm_watchdog $WD_PARAMS
		until_attr source sim 5
		until_attr current_tcb "$(sim_tcb_get)" 5
		cmd "ack $(sim_tcb_get)"
		attr_is state armed
		refused_rmmod tsm_wd_sim
		cmd disarm
		polled_rmmod_sim
		attr_is source none
		rmmod_q tsm_watchdog
		;;
	*)	attr_is fire_count 1
		# Re-arm on the current TCB; with reads slowed down a poll is
		# in flight when the sim unloads.
		cmd "ack $(sim_tcb_get)"
		attr_is state armed
		refused_rmmod tsm_wd_sim
		cmd disarm
		polled_rmmod_sim
		attr_is source none
		sleep 0.2
		read_all_attrs "no source"
		attr_is state disarmed
		rmmod_q tsm_watchdog
		;;
	esac
	[ ! -e "$WD_DEV" ] || fail "$WD_DEV still present after rmmod"
	[ $((i % 10)) = 0 ] && log "load loop $i/$LOOPS"
	i=$((i + 1))
done
ok "part 1: $LOOPS load/arm/fire/unload cycles"

# ---- part 2 -----------------------------------------------------------------
insmod_q tsm_watchdog $WD_PARAMS
insmod_q tsm_wd_sim
[ -d "$REPORT" ] || fail "$REPORT missing"
nonce=$(printf '%064d' 7)

reader() {
	_id=$1
	_n=0
	while [ ! -e /tmp/stop-readers ]; do
		_n=$((_n + 1))
		_d=$REPORT/dll-$_id-$_n
		# configfs-tsm refuses new items (ENXIO) while no provider is
		# registered; that is expected here.
		mkdir "$_d" 2>/dev/null || { sleep 0.05; continue; }
		if printf '%s' "$nonce" > "$_d/inblob" 2>/dev/null &&
		   _sz=$(cat "$_d/outblob" 2>/dev/null | wc -c) && [ "$_sz" -gt 0 ] &&
		   [ "$(cat "$_d/provider" 2>/dev/null)" = tsm_wd_sim ]; then
			echo "$_sz" >> "/tmp/reader-ok-$_id"
		fi
		cat "$_d/generation" > /dev/null 2>&1
		rmdir "$_d" || echo "rmdir $_d failed" >> /tmp/reader-errors
	done
}
rm -f /tmp/stop-readers /tmp/reader-ok-* /tmp/reader-errors
reader a &
pa=$!
reader b &
pb=$!

j=1
while [ "$j" -le "$RELOADS" ]; do
	slow_reads 30
	sleep 0.3
	rmmod_q tsm_wd_sim
	sleep 0.1
	insmod_q tsm_wd_sim
	j=$((j + 1))
done
sleep 0.5
touch /tmp/stop-readers
wait $pa
wait $pb

[ ! -s /tmp/reader-errors ] || fail "report items: $(tr '\n' ';' < /tmp/reader-errors)"
ok "every report item was created and removed"
nok=$(cat /tmp/reader-ok-a /tmp/reader-ok-b 2>/dev/null | wc -l)
expect_int_ge "$nok" 1 "reports read while the provider came and went"
expect_eq "$(ls "$REPORT" | wc -l)" 0 "report items left"

# With the provider back, a report is whole: an SNP report is 1184 bytes.
d=$REPORT/dll-final
mkdir "$d" || fail "mkdir $d"
printf '%s' "$nonce" > "$d/inblob" || fail "write inblob"
expect_eq "$(cat "$d/outblob" | wc -c)" 1184 "outblob size"
expect_eq "$(cat "$d/provider")" tsm_wd_sim "provider"
rmdir "$d" || fail "rmdir $d"

rmmod_q tsm_wd_sim
rmmod_q tsm_watchdog
ok "part 2: $RELOADS provider reloads"
pass
