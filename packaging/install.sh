#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# packaging/install.sh install|uninstall|list
# The worker behind `make install` / `make uninstall` (packaging/install.mk),
# which passes the settings below in the environment.
#
#   DESTDIR      staging root (default: empty, the live system)
#   PREFIX       /usr/local; binaries in $PREFIX/sbin (tcb-renewd) and
#                $PREFIX/bin (tsm-report), man pages in $PREFIX/share/man,
#                the unit in $PREFIX/lib/systemd/system (on systemd's path)
#   SYSCONFDIR   /etc: tcb-renewd.conf, modprobe.d/ (no modules-load.d:
#                tcb-renewd.service loads the module when it starts)
#   MODULES      kbuild (default): build tsm_watchdog.ko (+ tsm_wd_tdx.ko on
#                TDX guest kernels, + tsm_wd_snp.ko on SEV guest kernels
#                with the SEV guest-message API) against KDIR and install them with
#                kbuild's modules_install INSTALL_MOD_PATH=$DESTDIR into
#                /lib/modules/<release>/updates/tsm-watchdog/;
#                none: userspace only (use `make dkms` for the modules)
#   KDIR         kernel build tree (default: the newest
#                /usr/src/linux-headers-6.12*-amd64; for the running kernel
#                pass KDIR=/lib/modules/$(uname -r)/build)
#   WITH_SIM=1   also install the test-only simulator tsm_wd_sim.ko
#   BUILD        the build directory (default: <repo>/build)
#
# Every file and every directory it creates is recorded in the manifest
# $DESTDIR$PREFIX/share/tsm-watchdog/install-manifest; uninstall removes
# exactly those (then the manifest and the directories that became empty).
# Files under SYSCONFDIR are configuration: an existing one is never
# overwritten (the shipped version is still installed under
# $PREFIX/share/doc/tsm-watchdog/examples/), and uninstall keeps one the admin
# changed since, saying so.
set -euo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
DESTDIR=${DESTDIR:-}
PREFIX=${PREFIX:-/usr/local}
SYSCONFDIR=${SYSCONFDIR:-/etc}
SBINDIR=${SBINDIR:-$PREFIX/sbin}
BINDIR=${BINDIR:-$PREFIX/bin}
MANDIR=${MANDIR:-$PREFIX/share/man}
UNITDIR=${UNITDIR:-$PREFIX/lib/systemd/system}
DOCDIR=${DOCDIR:-$PREFIX/share/doc/tsm-watchdog}
DATADIR=${DATADIR:-$PREFIX/share/tsm-watchdog}
MODULES=${MODULES:-kbuild}
WITH_SIM=${WITH_SIM:-0}
BUILD=${BUILD:-$TOP/build}
KDIR=${KDIR:-$(ls -d /usr/src/linux-headers-6.12*-amd64 2>/dev/null | sort | tail -n 1)}
MANIFEST=$DATADIR/install-manifest

# Userspace artefacts (built by tools/*/Makefile, shipped in tools/).
RENEWD_BIN=$BUILD/tcb-renewd/tcb-renewd
REPORT_BIN=$BUILD/tsm-report/tsm-report
RD=$TOP/tools/tcb-renewd
UNIT_SRC=$RD/tcb-renewd.service
CONF_SRC=$RD/tcb-renewd.conf.example

die() { echo "install.sh: $*" >&2; exit 1; }
say() { echo "  $*"; }

# Paths are recorded without DESTDIR; "d PATH" directory, "f SHA256 PATH" file,
# "c SHA256 PATH" configuration file.
man_pages() {
	local f
	for f in "$RD"/*.[1-8] "$RD"/man/*.[1-8] "$TOP"/tools/tsm-report/*.[1-8] \
		 "$TOP"/tools/tsm-report/man/*.[1-8]; do
		[ -f "$f" ] && echo "$f"
	done
	return 0
}

# --- install -----------------------------------------------------------------
entries=()
mkdirs() {	# mkdirs DIR: create DIR (and parents) under DESTDIR, recording new ones
	local d=$1 missing=()
	while [ "$d" != / ] && [ ! -d "$DESTDIR$d" ]; do
		missing=("$d" "${missing[@]}")
		d=$(dirname "$d")
	done
	for d in "${missing[@]}"; do
		mkdir -m 755 "$DESTDIR$d"
		entries+=("d $d")
	done
}
sum() { sha256sum "$1" | cut -d' ' -f1; }
# put MODE SRC DEST: install a file, replacing what is there.
put() {
	mkdirs "$(dirname "$3")"
	install -m "$1" "$2" "$DESTDIR$3"
	entries+=("f $(sum "$DESTDIR$3") $3")
	say "$3"
}
# put_conf SRC DEST: configuration; never overwrite an existing file.
put_conf() {
	if [ -e "$DESTDIR$2" ]; then
		say "$2 exists, kept (shipped version: $DOCDIR/examples/$(basename "$2"))"
		return 0
	fi
	mkdirs "$(dirname "$2")"
	install -m 644 "$1" "$DESTDIR$2"
	entries+=("c $(sum "$DESTDIR$2") $2")
	say "$2"
}

install_modules() {
	local kver stage mp before after
	[ -f "$KDIR/.config" ] || die "KDIR '$KDIR' is not a kernel build tree (install linux-headers-..., pass KDIR= or MODULES=none)"
	kver=$(make -s -C "$KDIR" kernelrelease 2>/dev/null) || true
	[ -n "$kver" ] || die "can not tell the kernel release of $KDIR"
	# Build in a staged copy (the DKMS source tree) so that only the wanted
	# modules exist there; the same helper DKMS uses refuses kernels
	# without configfs-tsm.
	stage=$BUILD/install-modules/$kver
	rm -rf "$stage"
	"$TOP/packaging/dkms/stage" "$stage/core"
	(cd "$stage/core" && packaging/dkms/dkms-build make "$kver" "$KDIR") > "$stage/core.log" 2>&1 ||
		{ tail -n 20 "$stage/core.log" >&2; die "module build failed (log: $stage/core.log)"; }
	local dirs=("$stage/core/drivers/virt/coco/tsm-watchdog")
	if [ "$WITH_SIM" = 1 ]; then
		"$TOP/packaging/dkms/stage" --sim "$stage/sim"
		(cd "$stage/sim" && packaging/dkms/dkms-build make "$kver" "$KDIR" sim) > "$stage/sim.log" 2>&1 ||
			{ tail -n 20 "$stage/sim.log" >&2; die "sim module build failed (log: $stage/sim.log)"; }
		dirs+=("$stage/sim/drivers/virt/coco/tsm-watchdog")
	fi
	mp=/lib/modules/$kver/updates/tsm-watchdog
	mkdirs "$mp"
	before=$(find "$DESTDIR$mp" -type f | sort)
	local d
	for d in "${dirs[@]}"; do
		# kbuild installs (signing where it has the key, compressing as the
		# kernel does); depmod runs below, on the live system only.
		make -s -C "$KDIR" M="$d" INSTALL_MOD_PATH="$DESTDIR" INSTALL_MOD_DIR=updates/tsm-watchdog \
			DEPMOD=true modules_install > "$stage/modules_install.log" 2>&1 ||
			{ cat "$stage/modules_install.log" >&2; die "modules_install failed"; }
	done
	after=$(find "$DESTDIR$mp" -type f | sort)
	local f
	while read -r f; do
		[ -n "$f" ] || continue
		grep -qxF "$f" <<<"$before" && continue
		entries+=("f $(sum "$f") ${f#"$DESTDIR"}")
		say "${f#"$DESTDIR"}"
	done <<<"$after"
	entries+=("k $kver")
}

do_install() {
	local m sec unit
	[ -x "$RENEWD_BIN" ] || die "$RENEWD_BIN missing: run make tools first"
	[ -x "$REPORT_BIN" ] || die "$REPORT_BIN missing: run make -C tools/tsm-report first"
	[ -f "$UNIT_SRC" ] || die "$UNIT_SRC missing"
	[ -f "$CONF_SRC" ] || die "$CONF_SRC missing"
	case "$MODULES" in
	kbuild|none) ;;
	*) die "MODULES must be kbuild or none (for DKMS: make dkms)" ;;
	esac
	if [ -f "$DESTDIR$MANIFEST" ]; then
		echo "install.sh: a previous installation is recorded in $MANIFEST; uninstalling it first"
		do_uninstall
	fi
	[ -z "$DESTDIR" ] || mkdir -p "$DESTDIR"
	# A failure half-way still records what it installed, so that
	# `make uninstall` can take it away again.
	trap '[ $? = 0 ] || { write_manifest; echo "install.sh: installation failed; what was installed is in $MANIFEST (make uninstall removes it)" >&2; }' EXIT
	echo "Installing tsm-watchdog into ${DESTDIR:-/} (PREFIX=$PREFIX, SYSCONFDIR=$SYSCONFDIR, MODULES=$MODULES):"
	put 755 "$RENEWD_BIN" "$SBINDIR/tcb-renewd"
	put 755 "$REPORT_BIN" "$BINDIR/tsm-report"
	# The unit names the daemon by its installed path.
	unit=$BUILD/install/tcb-renewd.service
	mkdir -p "$(dirname "$unit")"
	sed -E -e "s#^(Exec[A-Za-z]*=[-@!+:]*)/[^ ]*/tcb-renewd( |\$)#\\1$SBINDIR/tcb-renewd\\2#" \
		-e "s#(-c|--config) /etc/tcb-renewd\\.conf#\\1 $SYSCONFDIR/tcb-renewd.conf#" "$UNIT_SRC" > "$unit"
	put 644 "$unit" "$UNITDIR/tcb-renewd.service"
	for m in $(man_pages); do
		sec=${m##*.}
		put 644 "$m" "$MANDIR/man$sec/$(basename "$m")"
	done
	put 644 "$CONF_SRC" "$DOCDIR/examples/tcb-renewd.conf"
	put 644 "$TOP/packaging/etc/modprobe.d/tsm-watchdog.conf" "$DOCDIR/examples/modprobe.d/tsm-watchdog.conf"
	put_conf "$CONF_SRC" "$SYSCONFDIR/tcb-renewd.conf"
	put_conf "$TOP/packaging/etc/modprobe.d/tsm-watchdog.conf" "$SYSCONFDIR/modprobe.d/tsm-watchdog.conf"
	[ "$MODULES" = kbuild ] && install_modules
	write_manifest
	trap - EXIT
	say "$MANIFEST"
	post_hooks
}

write_manifest() {
	mkdirs "$DATADIR"
	printf '%s\n' "# tsm-watchdog install manifest (DESTDIR excluded); make uninstall reads it" \
		"${entries[@]}" > "$DESTDIR$MANIFEST"
}

# On the live system: depmod for the installed modules, systemd reload.
post_hooks() {
	[ -z "$DESTDIR" ] || return 0
	local kver
	kver=$(sed -n 's/^k //p' "$MANIFEST" 2>/dev/null | head -n 1)
	[ -n "$kver" ] && [ -d "/lib/modules/$kver" ] && depmod -a "$kver" || true
	[ -d /run/systemd/system ] && systemctl daemon-reload || true
}

# --- uninstall ---------------------------------------------------------------
do_uninstall() {
	local type a b path kept=0 kver=''
	[ -f "$DESTDIR$MANIFEST" ] || die "no manifest at $DESTDIR$MANIFEST: nothing installed with this DESTDIR/PREFIX"
	echo "Removing tsm-watchdog from ${DESTDIR:-/} (manifest $MANIFEST):"
	local dirs=()
	while read -r type a b; do
		case "$type" in
		f)	path=$b
			rm -f "$DESTDIR$path" && say "removed $path" ;;
		c)	path=$b
			[ -e "$DESTDIR$path" ] || continue
			if [ "$(sum "$DESTDIR$path")" = "$a" ]; then
				rm -f "$DESTDIR$path" && say "removed $path"
			else
				say "kept $path: changed since it was installed"
				kept=1
			fi ;;
		d)	dirs=("$a" "${dirs[@]}") ;;
		k)	kver=$a ;;
		''|'#'*) ;;
		*)	echo "install.sh: bad manifest line: $type $a $b" >&2 ;;
		esac
	done < "$DESTDIR$MANIFEST"
	rm -f "$DESTDIR$MANIFEST"
	# Directories this installation created, deepest first, when empty.
	rmdir "$DESTDIR$DATADIR" 2>/dev/null || true
	local d
	for d in "${dirs[@]}"; do
		rmdir "$DESTDIR$d" 2>/dev/null || true
	done
	if [ -z "$DESTDIR" ]; then
		[ -n "$kver" ] && [ -d "/lib/modules/$kver" ] && depmod -a "$kver" || true
		[ -d /run/systemd/system ] && systemctl daemon-reload || true
	fi
	[ $kept = 0 ] || echo "install.sh: changed configuration files were kept"
	return 0
}

case "${1:-}" in
install) do_install ;;
uninstall) do_uninstall ;;
*) echo "usage: $0 install|uninstall (settings in the environment, see the header)" >&2; exit 2 ;;
esac
