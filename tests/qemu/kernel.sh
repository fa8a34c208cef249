# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# The one place that maps a guest kernel choice to files. Sourced by
# tests/qemu/run-guest (and anything else that boots a guest).
#
# select_kernel distro|6.12|7.3|debug sets:
#   KERNEL_KIND    distro | 7.3 | debug  (6.12 is another name for distro)
#   KERNEL_IMAGE   the bzImage to boot
#   KERNEL_REL     its release (uname -r in the guest)
#   KERNEL_MODROOT the directory holding lib/modules/$KERNEL_REL/ (kernel's own modules)
#   KDIR           the kernel build tree the project's modules are built against
#   MOD_SRC        the directory `make modules` runs in; the .ko files end up there
#   TIMEOUT_SCALE  factor for guest time limits (slow debug kernels)
#   TSM_MODULE     the kernel's configfs-tsm module (tsm on 6.12, tsm_report on 7.3)
#   KERNEL_MAKE    the command `make` for the modules runs as (an array:
#                  plain make, or make inside the Debian 13 root)
#   MOD_KDIR       KDIR as that make sees it
#
# distro: Debian's linux-image-6.12-amd64, unpacked by tests/qemu/fetch-kernel
#   into build/kernel/root, modules built in place in drivers/virt/coco/tsm-watchdog
#   against the installed linux-headers-6.12-amd64.
# 7.3: Debian 13 backports' kernel (the versioned packages behind
#   linux-image-amd64 / linux-headers-amd64 in trixie-backports), prepared by
#   tests/qemu/trixie-root: headers installed in the Debian 13 root
#   build/trixie/root, image and modules unpacked into build/trixie/kernel-7.3/root
#   ($TSM_WD_TRIXIE_DIR instead of build/trixie: a root shared by checkouts).
#   The project's modules are built inside that root with Debian 13's compiler,
#   in a copy of the sources at <root>/tsmwd/<$BUILD>/modules-7.3/.
# debug: a KASAN/lockdep kernel that tests/qemu/build-debug-kernel leaves in
#   $TSM_WD_DEBUG_DIR (default build/debug-kernel). That script writes
#   $TSM_WD_DEBUG_DIR/kernel.env defining KERNEL_IMAGE, KERNEL_REL, KDIR and
#   KERNEL_MODROOT (absolute paths; KERNEL_MODROOT as for modules_install
#   INSTALL_MOD_PATH=). The project's modules are then built in a copy of the
#   source tree under build/debug-modules/ so that the distro build stays intact.

select_kernel() {
	local root=${ROOT:?} build=${BUILD:?}
	KERNEL_KIND=$1
	[ "$1" = 6.12 ] && KERNEL_KIND=distro
	case "$KERNEL_KIND" in
	distro)
		KERNEL_REL=$("$root/tests/qemu/fetch-kernel" --print) || return 1
		KERNEL_MODROOT=$build/kernel/root
		KERNEL_IMAGE=$KERNEL_MODROOT/boot/vmlinuz-$KERNEL_REL
		KDIR=${KDIR:-$(ls -d /usr/src/linux-headers-6.12*-amd64 | sort | tail -n 1)}
		MOD_SRC=$root/drivers/virt/coco/tsm-watchdog
		TIMEOUT_SCALE=1
		TSM_MODULE=tsm
		KERNEL_MAKE=(make)
		MOD_KDIR=$KDIR
		;;
	7.3)
		# Makes the Debian 13 root and unpacks the kernel the first time
		# (minutes); afterwards it only checks the cache.
		"$root/scripts/deps.sh" trixie >&2 &&
		"$root/tests/qemu/trixie-root" make >&2 || {
			echo "run-guest: preparing the 7.3 kernel failed (tests/qemu/trixie-root)" >&2
			return 1
		}
		KERNEL_IMAGE='' KERNEL_REL='' KDIR='' KDIR_IN_ROOT='' KERNEL_MODROOT='' TRIXIE_ROOT=''
		# shellcheck source=/dev/null
		. "${TSM_WD_TRIXIE_DIR:-$build/trixie}/kernel-7.3/kernel.env"
		# A directory of this checkout's own inside the (maybe shared) root.
		MOD_SRC=$TRIXIE_ROOT/tsmwd$build/modules-7.3/drivers/virt/coco/tsm-watchdog
		TIMEOUT_SCALE=1
		TSM_MODULE=tsm_report
		KERNEL_MAKE=("$root/tests/qemu/trixie-root" run make)
		MOD_KDIR=$KDIR_IN_ROOT
		;;
	debug)
		local d=${TSM_WD_DEBUG_DIR:-$build/debug-kernel}
		if [ ! -f "$d/kernel.env" ]; then
			echo "run-guest: no debug kernel in $d (missing kernel.env); run: make debug-kernel" >&2
			return 1
		fi
		KERNEL_IMAGE='' KERNEL_REL='' KDIR='' KERNEL_MODROOT=''
		# shellcheck source=/dev/null
		. "$d/kernel.env"
		if [ ! -f "$KERNEL_IMAGE" ] || [ -z "$KERNEL_REL" ] || [ ! -d "$KDIR" ] ||
		   [ ! -d "$KERNEL_MODROOT/lib/modules/$KERNEL_REL" ]; then
			echo "run-guest: $d/kernel.env is incomplete (KERNEL_IMAGE, KERNEL_REL, KDIR, KERNEL_MODROOT)" >&2
			return 1
		fi
		MOD_SRC=$build/debug-modules/drivers/virt/coco/tsm-watchdog
		TIMEOUT_SCALE=${TSM_WD_DEBUG_TIMEOUT_SCALE:-3}
		TSM_MODULE=tsm
		KERNEL_MAKE=(make)
		MOD_KDIR=$KDIR
		;;
	*)
		echo "run-guest: unknown kernel '$1' (distro|6.12|7.3|debug)" >&2
		return 1
		;;
	esac
}

# build_modules: bring the project's modules for the selected kernel up to date.
# The distro build runs in the source tree; the others in a copy of the
# driver and include/ (the debug and 7.3 .ko files never replace the distro ones).
build_modules() {
	local root=${ROOT:?}
	if [ "$KERNEL_KIND" != distro ]; then
		local top=${MOD_SRC%/drivers/virt/coco/tsm-watchdog}
		mkdir -p "$MOD_SRC" "$top/include"
		local f
		for f in "$root"/drivers/virt/coco/tsm-watchdog/*; do
			case "$f" in *.c|*.h|*/Kbuild|*/Kconfig|*/Makefile) cp -p -u "$f" "$MOD_SRC/" ;; esac
		done
		cp -a -u "$root/include/." "$top/include/"
	fi
	modules_current && return 0
	local dir=$MOD_SRC
	[ "$KERNEL_KIND" = 7.3 ] && dir=${MOD_SRC#"$TRIXIE_ROOT"}
	"${KERNEL_MAKE[@]}" -s -C "$dir" KDIR="$MOD_KDIR" WITH_SIM=1 modules
}

# modules_current: both .ko files exist and no source is newer than either.
modules_current() {
	local root=${ROOT:?} ko newer
	for ko in "$MOD_SRC/tsm_watchdog.ko" "$MOD_SRC/tsm_wd_sim.ko"; do
		[ -f "$ko" ] || return 1
		newer=$(find "$root/drivers/virt/coco/tsm-watchdog" "$root/include" \
			\( -name '*.[ch]' -o -name Kbuild -o -name Makefile -o -name Kconfig \) \
			! -name '*.mod.c' -newer "$ko" -print -quit)
		[ -z "$newer" ] || return 1
	done
	# Built for this very kernel (a refreshed 7.3 root or debug kernel
	# has another release or symbol versions).
	[ "$(modinfo -F vermagic "$MOD_SRC/tsm_watchdog.ko" | awk '{print $1}')" = "$KERNEL_REL" ] || return 1
	[ "$KERNEL_KIND" != debug ] || [ ! "$KDIR/Module.symvers" -nt "$MOD_SRC/tsm_watchdog.ko" ]
}
