#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# shellcheck disable=SC2317  # phases are called indirectly ("phase_$ph")
#
# The `make bench` measurements, run inside the QEMU guest by
# tests/bench/run through tests/qemu/run-guest. Prints BENCH-S (samples),
# BENCH-V (values) and BENCH-N (notes) lines; tests/bench/run turns them
# into the table and build/bench/results.json. Nothing here asserts on a
# time: a phase that cannot measure prints a note and the bench goes on.
#
# Usage: guest-bench.sh [quick] [nodaemon] [PHASE...]
#   phases: detect decide cost fire report poll tdx throttle (default: all,
#   in order); soak (not in the default: `make soak`, 10 minutes)
#   quick:  fewer repetitions (rig development only)
#   nodaemon: behave as if tcb-renewd were missing (rig development only)
# timeout: 900

export PATH=/usr/local/bin:$PATH
MODDIR=/lib/modules/tsm-watchdog
WD_SYS=/sys/class/misc/tsm_watchdog
SIM_DIR=/sys/kernel/debug/tsm_wd_sim
CFS=/sys/kernel/config/tsm/report
B=/tmp/bench
TCB1=snp:d315000000000004
# TDX: the running module's SVN (0b.01.04), then CPUSVN
TDX1=tdx:0b01040000000000000000000000000003030f0fff0000000000000000000000
# SNP host throttling as measured on a public cloud host: one TCB read in
# ten answered, every tenth answer stalled 10 s
THROTTLE_BUSY="10 10"
THROTTLE_DELAY_MS=10000
SOAK_S=""	# set in phase_soak: 600 s, quick 60 s
mkdir -p "$B" "$B/run"
: > "$B/deny"

QUICK=0
NODAEMON=0
PHASES=""
for a in "$@"; do
	case "$a" in
	quick) QUICK=1 ;;
	nodaemon) NODAEMON=1 ;;	# rig development: act as if tcb-renewd were missing
	*) PHASES="$PHASES $a" ;;
	esac
done
[ -n "$PHASES" ] || PHASES="detect decide cost fire report poll tdx throttle"

# repetitions: normal / quick
reps() { if [ "$QUICK" = 1 ]; then echo "$2"; else echo "$1"; fi; }

log() { echo "[bench] $*" >&2; }
note() { echo "BENCH-N $*"; }
val() { echo "BENCH-V $1 $2"; }

now_ms() { bench-tool now; }
up_cs() { read -r _u _ < /proc/uptime; _u=${_u%.*}${_u#*.}; echo "${_u#0}"; }

# --- modules -------------------------------------------------------------

unload_all() {
	if [ -d "$WD_SYS" ]; then
		wdctl write disarm > /dev/null 2>&1
		rmmod tsm_watchdog 2>/dev/null || log "rmmod tsm_watchdog failed"
	fi
	[ -d "$SIM_DIR" ] && { rmmod tsm_wd_sim 2>/dev/null || log "rmmod tsm_wd_sim failed"; }
	return 0
}

# load_platform PLATFORM TCB WD_PARAMS...: the sim (platform snp or tdx)
# at TCB first, then the core.
load_platform() {
	unload_all
	_tcb=$2
	insmod "$MODDIR/tsm_wd_sim.ko" platform="$1" tcb="$_tcb" ||
		{ note "insmod tsm_wd_sim platform=$1 failed"; return 1; }
	echo 0 > "$SIM_DIR/delay_ms"
	shift 2
	insmod "$MODDIR/tsm_watchdog.ko" "$@" || { note "insmod tsm_watchdog $* failed"; return 1; }
	wait_attr current_tcb "$_tcb" 50 || { note "watchdog never saw the sim's TCB"; return 1; }
	log "loaded tsm_watchdog $*"
}

# load_all WD_PARAMS...: the sim (platform snp) at TCB1, then the core.
load_all() { load_platform snp "$TCB1" "$@"; }

attr() { cat "$WD_SYS/$1" 2>/dev/null; }

# wait_attr NAME VALUE TENTHS: poll sysfs every 100 ms.
wait_attr() {
	_n=0
	while [ "$(attr "$1")" != "$2" ]; do
		_n=$((_n + 1))
		[ "$_n" -le "$3" ] || return 1
		sleep 0.1
	done
	return 0
}

# TCB arithmetic on the text form snp:UUSSrrrrrrrrTTBB (ucode, snp, tee, bl)
tcb_next() {	# snp SVN + 1
	_h=${1#snp:}
	_u=${_h%??????????????}
	_s=${_h#??}; _s=${_s%????????????}
	printf 'snp:%s%02x%s\n' "$_u" $((0x$_s + 1)) "${_h#????}"
}
tcb_tee_bump() {	# tee SVN + 1
	_h=${1#snp:}
	_p=${_h%????}
	_t=${_h#????????????}; _t=${_t%??}
	printf 'snp:%s%02x%s\n' "$_p" $((0x$_t + 1)) "${_h#??????????????}"
}

# --- 1. detection latency --------------------------------------------------

phase_detect() {
	for p in 100 1000; do
		load_all mode=permissive action=log timeout=3600 grace=3600 \
			poll_ms=$p nowayout=0 || continue
		if [ "$p" = 100 ]; then rp=$(reps 30 8); else rp=$(reps 20 4); fi
		log "detect: push path, poll_ms=$p, $(reps 30 8) reps"
		bench-tool detect detect.push.poll$p push "$(reps 30 8)" $p ||
			note "detect push poll_ms=$p failed"
		log "detect: poll path, poll_ms=$p, $rp reps"
		bench-tool detect detect.poll.poll$p poll "$rp" $p ||
			note "detect poll poll_ms=$p failed"
	done
	unload_all
}

# --- 2. decision latency (daemon) ---------------------------------------------

DAEMON_PID=""
CONF=$B/renewd.conf

# write_conf [expect TCB] [heartbeat S] [noverifier]
write_conf() {
	_exp="" _hb="" _ver=1 _rt=""
	while [ $# -gt 0 ]; do
		case "$1" in
		expect) _exp=$2; shift 2 ;;
		heartbeat) _hb=$2; shift 2 ;;
		noverifier) _ver=0; shift ;;
		report_timeout) _rt=$2; shift 2 ;;
		esac
	done
	{
		if [ -n "$_hb" ]; then
			printf '[watchdog]\nheartbeat = %s\n' "$_hb"
		fi
		if [ -n "$_rt" ]; then
			printf '[report]\ntimeout = %s\n' "$_rt"
		fi
		printf '[policy]\nminimum = %s\nstate = %s/state\n' "$TCB1" "$B"
		[ -n "$_exp" ] && printf 'expect = %s\n' "$_exp"
		if [ "$_ver" = 1 ]; then
			printf '[verifier]\ncommand = /usr/local/bin/bench-verify\n'
		fi
	} > "$CONF"
}

status_field() { sed -n "s/^$1=//p" "$B/run/status" 2>/dev/null; }

# reload_daemon: SIGHUP, wait until the reload's verification is done.
reload_daemon() {
	_r0=$(status_field reloads)
	kill -HUP "$DAEMON_PID"
	_n=0
	while [ "$(status_field reloads)" = "$_r0" ]; do
		_n=$((_n + 1))
		[ "$_n" -le 100 ] || { log "daemon did not reload"; return 1; }
		sleep 0.1
	done
}

start_daemon() {
	rm -f "$B/state" "$B/run/status"
	BENCH_DENY_FILE=$B/deny tcb-renewd run -c "$CONF" --run-dir "$B/run" \
		2>> "${RENEWD_LOG:-$B/renewd.log}" &
	DAEMON_PID=$!
	if ! wait_attr acked_tcb "$(attr current_tcb)" 100 ||
	   ! wait_attr state armed 50; then
		note "tcb-renewd did not arm the watchdog (log: $(tail -n 3 "$B/renewd.log" | tr '\n' ' '))"
		stop_daemon
		return 1
	fi
	_n=0
	while [ -z "$(status_field verifications)" ] && [ $_n -lt 50 ]; do
		_n=$((_n + 1)); sleep 0.1
	done
	log "tcb-renewd running (pid $DAEMON_PID)"
}

stop_daemon() {
	[ -n "$DAEMON_PID" ] || return 0
	kill -TERM "$DAEMON_PID" 2>/dev/null
	wait "$DAEMON_PID" 2>/dev/null
	DAEMON_PID=""
}

have_daemon() {
	[ "$NODAEMON" = 0 ] && command -v tcb-renewd > /dev/null 2>&1
}

phase_decide() {
	if ! have_daemon; then
		note "daemon missing: decision latency not measured"
		val daemon_missing 1
		return 0
	fi
	# Kconfig defaults (relaxed, timeout 60, grace 30, poll_ms 1000) but
	# action=log and nowayout=0, so the bench can fire and go on.
	load_all action=log nowayout=0 || return 0
	write_conf
	start_daemon || return 0

	n=$(reps 10 3)
	log "decide: pre-approved (expect) x$n"
	i=0
	while [ $i -lt $n ]; do
		i=$((i + 1))
		t=$(tcb_next "$(attr acked_tcb)")
		write_conf expect "$t"
		reload_daemon || break
		grep -qx "$t" "$WD_SYS/expected_tcbs" || { note "expect $t not in the kernel"; break; }
		bench-tool decide decide.renewed renewed "$t" 15 ||
			{ note "decide renewed $t failed"; break; }
	done

	write_conf
	reload_daemon
	log "decide: approved by policy + verifier, not pre-approved x$n"
	i=0
	while [ $i -lt $n ]; do
		i=$((i + 1))
		t=$(tcb_next "$(attr acked_tcb)")
		bench-tool decide decide.approved approved "$t" 15 ||
			{ note "decide approved $t failed"; break; }
	done

	log "decide: denied by the verifier (reject) x$n"
	i=0
	while [ $i -lt $n ]; do
		i=$((i + 1))
		cur=$(attr acked_tcb)
		x=$(tcb_tee_bump "$cur")
		echo "$x" >> "$B/deny"
		bench-tool decide decide.denied denied "$x" 15 ||
			{ note "decide denied $x failed"; break; }
		# back to an approved, newer TCB; SIGHUP makes the daemon verify now
		t=$(tcb_next "$cur")
		echo "$t" > "$SIM_DIR/tcb"
		reload_daemon
		if ! wait_attr acked_tcb "$t" 100 || ! wait_attr state armed 50; then
			note "decide denied: the daemon did not re-arm on $t"
			break
		fi
	done
	# phase_cost goes on with this daemon
}

# --- 4. daemon cost -------------------------------------------------------------

# proc_sample PID: "ticks runtime_ns ctxsw rss hwm"
proc_sample() {
	_st=$(cat "/proc/$1/stat") || return 1
	_st=${_st##*) }
	# fields after "pid (comm) ": state=1 ... utime=12 stime=13
	set -- $_st
	shift 11
	_ticks=$(($1 + $2))
	read -r _rt _ _ < "/proc/${DAEMON_PID}/schedstat" 2>/dev/null || _rt=0
	_v=$(sed -n 's/^voluntary_ctxt_switches:[[:space:]]*//p' "/proc/$DAEMON_PID/status")
	_nv=$(sed -n 's/^nonvoluntary_ctxt_switches:[[:space:]]*//p' "/proc/$DAEMON_PID/status")
	_rss=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$DAEMON_PID/status")
	_hwm=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$DAEMON_PID/status")
	echo "$_ticks $_rt $((_v + _nv)) $_rss $_hwm"
}

phase_cost() {
	if ! have_daemon; then
		note "daemon missing: daemon cost not measured"
		val daemon_missing 1
		return 0
	fi
	if [ -z "$DAEMON_PID" ]; then
		load_all action=log nowayout=0 || return 0
		write_conf noverifier
		start_daemon || return 0
	fi
	val cost.clk_tck "$(getconf CLK_TCK 2>/dev/null || echo 100)"
	# CPU per heartbeat: the default config (no verifier hook), heartbeat 1 s
	# so that enough heartbeats fit in the window.
	write_conf noverifier heartbeat 1
	reload_daemon || { note "cost: reload failed"; return 0; }
	win=$(reps 30 8)
	sleep 1
	v0=$(status_field verifications)
	s0=$(proc_sample "$DAEMON_PID")
	t0=$(now_ms)
	sleep "$win"
	s1=$(proc_sample "$DAEMON_PID")
	t1=$(now_ms)
	v1=$(status_field verifications)
	set -- $s0 $s1
	hb=$((v1 - v0))
	val cost.heartbeats "$hb"
	val cost.window_ms "$(awk "BEGIN{print $t1 - $t0}")"
	val cost.ticks "$(($6 - $1))"
	val cost.runtime_ns "$(($7 - $2))"
	val cost.ctxsw "$(($8 - $3))"

	# Idle wake-ups: the default heartbeat (10 s); count context switches
	# in gaps that hold no heartbeat.
	write_conf noverifier
	reload_daemon || { note "cost: reload failed"; return 0; }
	gaps=$(reps 2 1)
	g=0
	while [ $g -lt $gaps ]; do
		g=$((g + 1))
		v=$(status_field verifications)
		_n=0
		while [ "$(status_field verifications)" = "$v" ] && [ $_n -lt 150 ]; do
			_n=$((_n + 1)); sleep 0.1
		done
		sleep 0.5
		va=$(status_field verifications)
		a=$(proc_sample "$DAEMON_PID"); ta=$(now_ms)
		sleep 8
		b=$(proc_sample "$DAEMON_PID"); tb=$(now_ms)
		vb=$(status_field verifications)
		set -- $a $b
		if [ "$va" = "$vb" ]; then
			echo "BENCH-S cost.idle_wakeups_per_min $(awk "BEGIN{printf \"%.2f\", ($8 - $3) * 60000 / ($tb - $ta)}")"
		else
			note "cost: a heartbeat fell into idle gap $g; gap dropped"
		fi
	done
	s=$(proc_sample "$DAEMON_PID")
	set -- $s
	val cost.vmrss_kb "$4"
	val cost.vmhwm_kb "$5"
	stop_daemon
	log "daemon log: $(wc -l < "$B/renewd.log") lines"
}

# --- 3. fire precision ------------------------------------------------------------

phase_fire() {
	stop_daemon
	load_all mode=relaxed action=log timeout=60 nowayout=0 || return 0
	log "fire: timeout 2 s x$(reps 12 3)"
	bench-tool fire fire.t2 2 "$(reps 12 3)" || note "fire timeout=2 failed"
	log "fire: timeout 10 s x$(reps 6 1)"
	bench-tool fire fire.t10 10 "$(reps 6 1)" || note "fire timeout=10 failed"
	unload_all
}

# --- 5. report cycle ------------------------------------------------------------------

shell_cycle() {
	_d=$CFS/bench-sh.$$.$1
	mkdir "$_d" || return 1
	_nonce=$(od -An -v -tx1 -N64 /dev/urandom | tr -d ' \n')
	if ! printf "$(echo "$_nonce" | sed 's/../\\x&/g')" > "$_d/inblob" ||
	   ! cat "$_d/outblob" > "$B/report.bin"; then
		rmdir "$_d"
		return 1
	fi
	rmdir "$_d"
	# REPORT_DATA at 0x50 must carry the nonce; CURRENT_TCB at 0x38
	_rd=$(od -An -v -tx1 -j80 -N64 "$B/report.bin" | tr -d ' \n')
	[ "$_rd" = "$_nonce" ] || return 1
	_tcb=snp:$(od -An -v -tx8 -j56 -N8 "$B/report.bin" | tr -d ' \n')
	[ ${#_tcb} = 20 ]
}

phase_report() {
	[ -d "$SIM_DIR" ] || { load_all action=log nowayout=0 || return 0; }
	secs=$(reps 8 2)
	log "report: libtsm for $secs s"
	bench-tool report report.libtsm "$secs" 64 || note "libtsm report cycle failed"
	# one cycle a second, like the daemon's heartbeats in phase cost
	log "report: libtsm, one cycle a second, for $(reps 12 3) s"
	bench-tool report report.libtsm_cold "$(reps 12 3)" 64 1000 ||
		note "libtsm cold report cycle failed"
	log "report: busybox sh for $secs s"
	i=0
	samples=""
	t0=$(now_ms)
	c0=$(up_cs)
	end=$((c0 + secs * 100))
	prev=$c0
	while :; do
		i=$((i + 1))
		shell_cycle "$i" || { note "shell report cycle failed at $i"; break; }
		c=$(up_cs)
		samples="$samples $(( (c - prev) * 10 ))"
		prev=$c
		[ "$c" -lt "$end" ] || break
	done
	t1=$(now_ms)
	echo "BENCH-S report.shell$samples"
	val report.shell.count "$i"
	val report.shell.elapsed_ms "$(awk "BEGIN{print $t1 - $t0}")"
	val report.shell.per_s "$(awk "BEGIN{printf \"%.2f\", $i * 1000 / ($t1 - $t0)}")"
}

# --- 6. polling overhead -----------------------------------------------------------------

# cpu_sample: "busy total" jiffies of all CPUs from /proc/stat
cpu_sample() {
	read -r _c u n s i w q sq st _ < /proc/stat
	echo "$((u + n + s + q + sq + st)) $((u + n + s + i + w + q + sq + st))"
}

# kworker_dump FILE: "pid run_time_ns" of every kworker thread
kworker_dump() {
	for _p in /proc/[0-9]*; do
		read -r _comm < "$_p/comm" 2>/dev/null || continue
		case "$_comm" in
		kworker*)
			read -r _rt _ < "$_p/schedstat" 2>/dev/null &&
				echo "${_p#/proc/} $_rt" ;;
		esac
	done > "$1"
}

# kworker_delta_ns A B: run time the kworkers spent between the dumps A and
# B (threads in both: the difference; threads only in B: all of theirs;
# threads that exited in between are lost, a small undercount)
kworker_delta_ns() {
	awk 'NR == FNR { a[$1] = $2; next }
	     { d += ($1 in a) ? $2 - a[$1] : $2 }
	     END { printf "%d\n", d }' "$1" "$2"
}

poll_window() {	# KEY SECONDS
	sleep 1
	kworker_dump "$B/kw0"; c0=$(cpu_sample); t0=$(now_ms)
	sleep "$2"
	c1=$(cpu_sample); t1=$(now_ms); kworker_dump "$B/kw1"
	kd=$(kworker_delta_ns "$B/kw0" "$B/kw1")
	set -- "$1" "$2" $c0 $c1
	echo "BENCH-S poll.$1.busy_pct $(awk "BEGIN{printf \"%.3f\", ($5 - $3) * 100 / ($6 - $4)}")"
	echo "BENCH-S poll.$1.kworker_ms_per_s $(awk "BEGIN{printf \"%.4f\", $kd / 1e6 / (($t1 - $t0) / 1000)}")"
}

phase_poll() {
	stop_daemon
	win=$(reps 12 3)
	rounds=$(reps 3 1)
	val poll.window_s "$win"
	r=0
	while [ $r -lt "$rounds" ]; do
		r=$((r + 1))
		unload_all
		log "poll: round $r, modules unloaded, $win s"
		poll_window unloaded "$win"
		for p in 100 1000; do
			load_all mode=relaxed action=log poll_ms=$p nowayout=0 || continue
			echo 0 > "$SIM_DIR/delay_ms"
			log "poll: round $r, poll_ms=$p, $win s"
			poll_window "poll$p" "$win"
		done
	done
	# Exact cost of one poll: the work function's run time from the
	# workqueue tracepoints, in its own window (tracing adds overhead).
	TR=/sys/kernel/tracing
	[ -e "$TR/events/workqueue/workqueue_execute_start" ] ||
		mount -t tracefs nodev "$TR" 2>/dev/null
	if [ -e "$TR/events/workqueue/workqueue_execute_end" ] &&
	   load_all mode=relaxed action=log poll_ms=100 nowayout=0; then
		echo 0 > "$TR/tracing_on"
		echo > "$TR/trace"
		echo 1 > "$TR/events/workqueue/workqueue_execute_start/enable"
		echo 1 > "$TR/events/workqueue/workqueue_execute_end/enable"
		echo 1 > "$TR/tracing_on"
		sleep "$(reps 6 2)"
		echo 0 > "$TR/tracing_on"
		echo 0 > "$TR/events/workqueue/enable"
		# "task-pid [cpu] flags ts: workqueue_execute_start: work struct X: function F"
		awk '/workqueue_execute_(start|end): .*function tsm_wd_poll_fn/ {
			for (i = 1; i <= NF; i++) if ($i ~ /^workqueue_execute_/) break
			ts = $(i - 1); sub(/:$/, "", ts)
			if ($i ~ /start/) st[$1] = ts
			else if ($1 in st) { out = out sprintf(" %.1f", (ts - st[$1]) * 1e6); delete st[$1] }
		} END { print "BENCH-S poll.cost_us" out }' "$TR/trace"
		echo > "$TR/trace"
	else
		note "poll: no workqueue tracepoints; per-poll cost not measured"
	fi
	unload_all
}

# --- 7. TDX: detection and polling CPU at poll_ms=50 --------------------------------

# The tdx platform's source reads a TDREPORT (the sim's, through the same
# decoder as the real tdx source); a runtime update moves TEE_TCB_SVN2.
phase_tdx() {
	stop_daemon
	load_platform tdx "$TDX1" mode=permissive action=log timeout=3600 \
		grace=3600 poll_ms=50 nowayout=0 || return 0
	log "tdx: detect push, poll_ms=50, $(reps 30 8) reps"
	bench-tool detect detect.tdx.push.poll50 push "$(reps 30 8)" 50 ||
		note "detect tdx push poll_ms=50 failed"
	log "tdx: detect poll, poll_ms=50, $(reps 30 8) reps"
	bench-tool detect detect.tdx.poll.poll50 poll "$(reps 30 8)" 50 ||
		note "detect tdx poll poll_ms=50 failed"
	win=$(reps 12 3)
	rounds=$(reps 3 1)
	r=0
	while [ $r -lt "$rounds" ]; do
		r=$((r + 1))
		unload_all
		log "tdx: round $r, modules unloaded, $win s"
		poll_window tdx.unloaded "$win"
		load_platform tdx "$TDX1" mode=relaxed action=log poll_ms=50 \
			nowayout=0 || continue
		log "tdx: round $r, poll_ms=50, $win s"
		poll_window tdx.poll50 "$win"
	done
	unload_all
}

# --- 8. SNP with host throttling ---------------------------------------------------

# throttle_on / throttle_off: the sim answers one TCB read in ten and
# stalls every tenth answer THROTTLE_DELAY_MS
throttle_on() {
	echo "$THROTTLE_DELAY_MS" > "$SIM_DIR/delay_ms" &&
		echo "$THROTTLE_BUSY" > "$SIM_DIR/busy"
}
throttle_off() {
	[ -d "$SIM_DIR" ] || return 0
	echo "0 0" > "$SIM_DIR/busy"
	echo 0 > "$SIM_DIR/delay_ms"
}

phase_throttle() {
	stop_daemon
	# the Kconfig defaults (poll_ms 1000, grace 30) but permissive: every
	# change is a `changed` event and nothing fires while the bench acks
	load_platform snp "$TCB1" mode=permissive action=log timeout=3600 \
		nowayout=0 || return 0
	throttle_on || { note "throttle: busy/delay_ms knobs failed"; return 0; }
	e0=$(attr source_errors)
	t0=$(now_ms)
	log "throttle: detect push, busy '$THROTTLE_BUSY', delay_ms $THROTTLE_DELAY_MS, $(reps 8 2) reps"
	bench-tool detect detect.throttle.push.poll1000 push "$(reps 8 2)" 1000 120000 ||
		note "detect under throttling failed"
	t1=$(now_ms)
	e1=$(attr source_errors)
	val throttle.source_errors "$((e1 - e0))"
	val throttle.window_ms "$(awk "BEGIN{printf \"%d\", $t1 - $t0}")"
	throttle_off
	unload_all
}

# --- soak: false fires under throttling, tcb-renewd feeding ----------------------

# soak_timeline T0: the kernel log from the marker "bench-soak: start" on,
# as "BENCH-E <s since T0> <line>". The daemon's log and the uevents reach
# the kernel log too (soak_kmsg), so one clock orders them. Routine lines
# (a source-error run starting, the source recovering, the daemon's
# source-error event) are counted, not printed, except in the 40 s before
# a fire, which are printed whole.
soak_timeline() {
	dmesg | tr -d '\r' | awk '
		!go && /bench-soak: start/ { go = 1 }
		!go { next }
		{
			l = $0
			sub(/^<[0-9]+>/, "", l)
			if (!match(l, /^\[ *[0-9]+\.[0-9]+\] /)) next
			t = substr(l, 2, RLENGTH - 3) + 0
			l = substr(l, RLENGTH + 1)
			if (l !~ /tsm_watchdog|tsm_wd|bench-soak/) next
			if (n == 0) t0 = t
			n++; T[n] = t - t0; L[n] = l
			R[n] = (l ~ /reading the TCB failed|recovered after|event [0-9]+ source-error/)
			if (l ~ /tsm_watchdog: fired: /) F[++nf] = T[n]
		}
		END {
			for (i = 1; i <= n; i++) {
				near = 0
				for (j = 1; j <= nf; j++)
					if (T[i] <= F[j] && T[i] >= F[j] - 40) near = 1
				if (R[i] && !near) { routine++; continue }
				printf "BENCH-E %9.3f %s\n", T[i], L[i]
			}
			printf "BENCH-E (%d routine source-error/recovered lines not shown)\n", routine
		}'
}

# soak_kmsg TEXT: a line into the kernel log (level 6: not on the console)
soak_kmsg() { echo "<6>bench-soak: $*" > /dev/kmsg; }

# Relaxed mode with the settings the README recommends on SEV-SNP (timeout
# 120 s, grace 90 s, poll_ms 1000; tcb-renewd's [report] timeout 15 s, so a
# report stalled 10 s by the host still arrives, and its budget 3 x 15 s
# fits grace), action=log, tcb-renewd otherwise with its defaults
# (heartbeat 10 s, no verifier), the host throttling for SOAK_S seconds
# (TCB reads: THROTTLE_BUSY; every report: delay_ms THROTTLE_DELAY_MS).
# With the defaults (timeout 60, grace 30, report timeout 5 s) no report
# arrives within the daemon's 5 s, so nothing is acked and the watchdog
# fires at its timeout, as it should. Counts what fired and every
# source-lost / fired uevent (busybox uevent), and prints the event
# timeline (soak_timeline): every fire is named by its reason.
phase_soak() {
	if ! have_daemon; then
		note "daemon missing: soak not run"
		val daemon_missing 1
		return 0
	fi
	SOAK_S=$(reps 600 60)
	load_platform snp "$TCB1" mode=relaxed action=log timeout=120 grace=90 \
		nowayout=0 || return 0
	# userspace lines into the kernel log unthrottled, for the timeline
	kmsg_was=$(cat /proc/sys/kernel/printk_devkmsg 2>/dev/null)
	echo on > /proc/sys/kernel/printk_devkmsg 2>/dev/null ||
		note "soak: printk_devkmsg not set; daemon lines may be rate-limited"
	soak_kmsg start
	# the daemon's stderr: renewd.log and, timestamped, the kernel log
	rm -f "$B/renewd.fifo"
	mkfifo "$B/renewd.fifo" || { note "soak: mkfifo failed"; return 0; }
	while IFS= read -r _l; do
		printf '%s\n' "$_l" >> "$B/renewd.log"
		soak_kmsg "renewd: $_l"
	done < "$B/renewd.fifo" &
	write_conf noverifier report_timeout 15
	RENEWD_LOG=$B/renewd.fifo start_daemon || return 0
	: > "$B/uevents"
	# shellcheck disable=SC2016  # expanded by the uevent helper's shell
	uevent sh -c '[ -n "$TSM_WATCHDOG_EVENT" ] &&
		echo "$TSM_WATCHDOG_EVENT" >> '"$B"'/uevents &&
		echo "<6>bench-soak: uevent $TSM_WATCHDOG_EVENT $TSM_WATCHDOG_TCB" > /dev/kmsg' &
	upid=$!
	throttle_on || { note "soak: busy/delay_ms knobs failed"; kill "$upid"; return 0; }
	e0=$(attr source_errors)
	f0=$(attr fire_count)
	v0=$(status_field verifications)
	a0=$(status_field acks)
	x0=$(status_field errors)
	t0=$(now_ms)
	log "soak: $SOAK_S s, busy '$THROTTLE_BUSY', delay_ms $THROTTLE_DELAY_MS"
	soak_kmsg "throttling on: busy '$THROTTLE_BUSY', delay_ms $THROTTLE_DELAY_MS, $SOAK_S s"
	sleep "$SOAK_S"
	t1=$(now_ms)
	soak_kmsg "end: state $(attr state), last_event $(attr last_event)"
	val soak.seconds "$(awk "BEGIN{printf \"%d\", ($t1 - $t0) / 1000}")"
	val soak.fires "$(( $(attr fire_count) - f0 ))"
	val soak.source_errors "$(( $(attr source_errors) - e0 ))"
	val soak.source_lost_uevents "$(grep -c '^source-lost$' "$B/uevents")"
	val soak.fired_uevents "$(grep -c '^fired$' "$B/uevents")"
	val soak.state_end "$(attr state)"
	val soak.verifications "$(( $(status_field verifications) - v0 ))"
	val soak.acks "$(( $(status_field acks) - a0 ))"
	val soak.verification_errors "$(( $(status_field errors) - x0 ))"
	# the reasons from the kernel's "fired: REASON (tcb ...)" lines
	_fr=$(dmesg | sed -n '/bench-soak: start/,/bench-soak: end/s/.*tsm_watchdog: fired: \(.*\) (tcb .*/\1/p' |
		sort | uniq -c | awk '{ c = $1; sub(/^ *[0-9]+ /, ""); printf "%s%s x%d", s, $0, c; s = "; " }')
	val soak.fires_by_reason "${_fr:-none}"
	val soak.expired_events "$(dmesg | sed -n '/bench-soak: start/,/bench-soak: end/p' | grep -c 'renewd:.* event [0-9]* expired')"
	val soak.ack_refusals "$(dmesg | sed -n '/bench-soak: start/,/bench-soak: end/p' | grep -c 'renewd:.* refused')"
	throttle_off
	# the listener's self-check: a host update must give a `changed` uevent
	echo "$(tcb_next "$TCB1")" > "$SIM_DIR/tcb"
	_n=0
	while ! grep -q '^changed$' "$B/uevents" && [ $_n -lt 100 ]; do
		_n=$((_n + 1)); sleep 0.1
	done
	if grep -q '^changed$' "$B/uevents"; then
		val soak.listener_ok 1
	else
		note "soak: the uevent listener saw no changed uevent; uevent counts not trustworthy"
		val soak.listener_ok 0
	fi
	kill "$upid" 2>/dev/null
	stop_daemon
	sleep 0.5
	soak_timeline
	[ -n "$kmsg_was" ] && echo "$kmsg_was" > /proc/sys/kernel/printk_devkmsg
	rm -f "$B/renewd.fifo"
	unload_all
}

# --- main --------------------------------------------------------------------------------

val meta.kernel "$(uname -r)"
val meta.cpus "$(grep -c ^processor /proc/cpuinfo)"
val meta.quick "$QUICK"
val meta.hz_user "$(getconf CLK_TCK 2>/dev/null || echo 100)"
have_daemon && val meta.daemon "$(tcb-renewd --version 2>&1 | head -n 1)"
for ph in $PHASES; do
	log "phase $ph"
	echo "BENCH-P $ph start $(now_ms)"
	"phase_$ph"
	echo "BENCH-P $ph end $(now_ms)"
done
stop_daemon
unload_all
echo "BENCH-END"
exit 0
