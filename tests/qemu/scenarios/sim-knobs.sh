#!/bin/sh
# The simulated host's knobs on both platforms, and what its reports carry:
# snp: a tcb write is provisional (COMMITTED/REPORTED stay), commit and
# revert, hostile committed/reported/launch writes, the four TCB fields at
# their ATTESTATION_REPORT offsets; tdx: tcb moves TEE_TCB_SVN2 and CPUSVN
# but not TEE_TCB_SVN, svn2_valid, the quote v5 body type and fields;
# both: bad input refused with no change, busy and tcb_static read back.
# timeout: 120
. "${TSM_WD_GUEST_LIB:-/usr/share/tsm-watchdog/guest-lib.sh}"

CFS=/sys/kernel/config/tsm/report
hexbytes() {
	dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null | od -A n -t x1 -v | tr -d ' \n'
}
le64() {
	hexbytes "$1" "$2" 8 | sed 's/\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)\(..\)/\8\7\6\5\4\3\2\1/'
}
knob() { cat "$SIM_DIR/$1"; }
knob_set() { echo "$2" > "$SIM_DIR/$1" || fail "write '$2' to $1"; }
# knob_bad NAME VALUE: the write fails and the knob keeps its value
knob_bad() {
	_before=$(knob "$1")
	if echo "$2" > "$SIM_DIR/$1" 2>/dev/null; then
		fail "write '$2' to $1 accepted"
	fi
	expect_eq "$(knob "$1")" "$_before" "$1 unchanged after bad write '$2'"
}
# report FILE [INBLOB]: one configfs-tsm report's outblob into FILE
report() {
	_d=$CFS/sim-knobs-$$
	mkdir "$_d" || fail "mkdir $_d"
	printf '%s' "${2:-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef}" \
		> "$_d/inblob" || fail "write inblob"
	cat "$_d/outblob" > "$1" || { rmdir "$_d"; fail "read outblob"; }
	rmdir "$_d"
}

# --- snp ----------------------------------------------------------------------
load_sim
expect_eq "$(knob tcb)" "$TCB1" "snp: default tcb"
for k in committed reported launch; do
	expect_eq "$(knob $k)" "$TCB1" "snp: $k at load"
done
expect_eq "$(knob busy)" "0 0" "busy off by default"
expect_eq "$(knob tcb_static)" 0 "tcb_static default 0 (dynamic)"
[ ! -e "$SIM_DIR/tee_tcb_svn" ] || fail "tdx knob tee_tcb_svn on platform snp"
[ ! -e /dev/tdx_guest ] || fail "/dev/tdx_guest on platform snp"

sim_tcb_set "$TCB2"
expect_eq "$(knob committed)" "$TCB1" "provisional update: COMMITTED unchanged"
expect_eq "$(knob reported)" "$TCB1" "provisional update: REPORTED unchanged"
report /tmp/s.bin
expect_eq "$(wc -c < /tmp/s.bin | tr -d ' ')" 1184 "snp outblob size"
expect_eq "snp:$(le64 /tmp/s.bin 56)" "$TCB2" "CURRENT_TCB (0x38)"
expect_eq "snp:$(le64 /tmp/s.bin 384)" "$TCB1" "REPORTED_TCB (0x180)"
expect_eq "snp:$(le64 /tmp/s.bin 480)" "$TCB1" "COMMITTED_TCB (0x1e0)"
expect_eq "snp:$(le64 /tmp/s.bin 496)" "$TCB1" "LAUNCH_TCB (0x1f0)"
knob_set revert 1
expect_eq "$(knob tcb)" "$TCB1" "revert: CURRENT back to COMMITTED"
sim_tcb_set "$TCB3"
knob_set commit 1
expect_eq "$(knob committed)" "$TCB3" "commit: COMMITTED := CURRENT"
expect_eq "$(knob reported)" "$TCB3" "commit: REPORTED := CURRENT"
expect_eq "$(knob launch)" "$TCB1" "commit: LAUNCH unchanged"
report /tmp/s.bin
expect_eq "snp:$(le64 /tmp/s.bin 480)" "$TCB3" "COMMITTED_TCB (0x1e0) after commit"
knob_set committed "$TCB_OLD"
knob_set reported "$TCB2"
knob_set launch "$TCB2"
report /tmp/s.bin
expect_eq "snp:$(le64 /tmp/s.bin 480)" "$TCB_OLD" "hostile COMMITTED_TCB"
expect_eq "snp:$(le64 /tmp/s.bin 384)" "$TCB2" "hostile REPORTED_TCB"
expect_eq "snp:$(le64 /tmp/s.bin 496)" "$TCB2" "hostile LAUNCH_TCB"
knob_bad tcb "tdx:0b010400000000000000000000000000"
knob_bad tcb "snp:D315000000000004"
knob_bad committed "snp:d31500000000000"
knob_bad commit 2
knob_bad revert 0
knob_bad busy "1"
knob_bad busy "x 1"
knob_bad busy "1000001 0"
knob_bad tcb_static 2
knob_set busy "10 3"
expect_eq "$(knob busy)" "10 3" "busy reads back"
knob_set tcb_static unknown
expect_eq "$(knob tcb_static)" unknown "tcb_static unknown"
knob_set tcb_static 1
expect_eq "$(knob tcb_static)" 1 "tcb_static 1"
unload_sim

if insmod "$WD_MODDIR/tsm_wd_sim.ko" platform=sev 2>/dev/null; then
	fail "platform=sev accepted"
fi
ok "platform=sev refused"
if insmod "$WD_MODDIR/tsm_wd_sim.ko" platform=tdx tcb="$TCB1" 2>/dev/null; then
	fail "platform=tdx with an snp tcb accepted"
fi
ok "platform=tdx tcb=snp:... refused"

# --- tdx ----------------------------------------------------------------------
SVN_L=0b010400000000000000000000000000
SVN_U=0d010400000000000000000000000000
CPU1=0505020200ff00000000000000000000
CPU2=0506020200ff00000000000000000000
load_sim platform=tdx
expect_eq "$(knob tcb)" "tdx:$SVN_L$CPU1" "tdx: default tcb"
expect_eq "$(knob tee_tcb_svn)" "$SVN_L" "tdx: TEE_TCB_SVN at load"
expect_eq "$(knob svn2_valid)" 1 "tdx: svn2_valid default 1"
[ -c /dev/tdx_guest ] || fail "/dev/tdx_guest missing on platform tdx"
ok "/dev/tdx_guest exists"
[ ! -e "$SIM_DIR/commit" ] || fail "snp knob commit on platform tdx"

sim_tcb_set "tdx:$SVN_U$CPU2"
expect_eq "$(knob tee_tcb_svn)" "$SVN_L" "runtime update: TEE_TCB_SVN unchanged"
expect_eq "$(knob tcb)" "tdx:$SVN_U$CPU2" "runtime update: tcb shows SVN2 and CPUSVN"
report /tmp/q.bin
QLEN=$(wc -c < /tmp/q.bin | tr -d ' ')
expect_eq "$(hexbytes /tmp/q.bin 0 8)" 0500020081000000 "quote v5, ECDSA P-256, TDX"
expect_eq "$(hexbytes /tmp/q.bin 48 6)" 030088020000 "body type 3, 648 bytes"
expect_eq "$(hexbytes /tmp/q.bin 54 16)" "$SVN_L" "body TEE_TCB_SVN"
expect_eq "$(hexbytes /tmp/q.bin $((54 + 584)) 16)" "$SVN_U" "body TEE_TCB_SVN2"
expect_eq "$(hexbytes /tmp/q.bin $((54 + 520)) 4)" 30313233 "body REPORTDATA = inblob"
# signature data: 4-byte length, 64 + 64, cert type 6, size, QE report (CPUSVN first)
expect_eq "$(hexbytes /tmp/q.bin $((54 + 648 + 4 + 128)) 2)" 0600 "certification data type 6"
expect_eq "$(hexbytes /tmp/q.bin $((54 + 648 + 4 + 128 + 6)) 16)" "$CPU2" "QE report CPUSVN"
d=$CFS/sim-knobs-short
mkdir "$d" || fail "mkdir $d"
printf 'short' > "$d/inblob"
if cat "$d/outblob" > /dev/null 2>&1; then
	rmdir "$d"
	fail "tdx report with a 5-byte inblob accepted"
fi
rmdir "$d"
ok "tdx report needs a 64-byte inblob (EINVAL), as tdx-guest"

knob_set svn2_valid 0
expect_eq "$(knob tcb)" "tdx:$SVN_L$CPU2" "TDX 1.0 module: tcb shows TEE_TCB_SVN"
report /tmp/q.bin
expect_eq "$(hexbytes /tmp/q.bin 48 6)" 020048020000 "TDX 1.0: body type 2, 584 bytes"
expect_eq "$(wc -c < /tmp/q.bin | tr -d ' ')" $((QLEN - 64)) "TDX 1.0 quote 64 bytes shorter"
knob_set tee_tcb_svn "$SVN_U"
expect_eq "$(knob tcb)" "tdx:$SVN_U$CPU2" "TDX 1.0: tee_tcb_svn moves the tcb"
knob_bad tee_tcb_svn "0b0104"
knob_bad svn2_valid 2
knob_bad tcb "tdx:$SVN_U"
knob_bad tcb "$TCB1"
unload_sim
pass
