/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libtsm - configfs-tsm attestation reports and hardened evidence parsers.
 *
 * A static library linked into tsm-watchdog's tools (tcb-renewd,
 * tsm-report). It is unrelated to Debian's terminal-emulator libtsm and
 * must never be installed as a system libtsm.so.
 *
 * Conventions
 *  - Every function that can fail returns 0 (or a non-negative count) on
 *    success and a negative errno on failure. The errno values that carry
 *    a library-specific meaning are listed below as TSM_E_* (a range of
 *    their own, never a real errno); anything else comes straight from
 *    the kernel / libc call that failed.
 *  - Reference-counted handles: *_new() hands the object out through its
 *    last argument, *_ref() returns its argument, *_unref() accepts NULL and
 *    returns NULL.
 *  - No global state. Thread-compatible: distinct handles may be used from
 *    distinct threads at the same time; one handle must not be used by two
 *    threads at once (reference counts are not atomic).
 *  - The library never prints. It logs through a callback the caller sets
 *    with tsm_ctx_set_log_fn(); without one it stays silent.
 *  - Parsers take (bytes, length) from an untrusted source, never read
 *    outside [bytes, bytes + length) and never trust a length or offset
 *    stored in the blob. Byte layouts and spec revisions: LAYOUTS.md.
 */
#ifndef TSM_H
#define TSM_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Errors                                                                   */
/* ------------------------------------------------------------------------ */

/*
 * The library's own error codes. They are negative like errnos but lie in
 * a range of their own, above every errno value (Linux errnos end at
 * 4095), so a real -ENODATA or -EAGAIN from a read() is never mistaken
 * for one of these. tsm_strerror() names both kinds.
 */
#define TSM_E_BASE		5000
#define TSM_E_LAST		5007
/* Blob shorter than its format or than a size field inside it requires. */
#define TSM_E_TRUNCATED		(-(TSM_E_BASE + 1))
/* Version / body type / TEE type the library does not know: refused. */
#define TSM_E_VERSION		(-(TSM_E_BASE + 2))
/* Fields contradict each other or the spec (bad size field, ...). */
#define TSM_E_MALFORMED		(-(TSM_E_BASE + 3))
/* Unknown provider name, or a blob whose format cannot be recognised. */
#define TSM_E_UNKNOWN_FORMAT	(-(TSM_E_BASE + 4))
/* A configfs blob is larger than TSM_BLOB_MAX. */
#define TSM_E_TOOBIG		(-(TSM_E_BASE + 5))
/* Another writer kept changing the report item ("generation"): gave up. */
#define TSM_E_RACE		(-(TSM_E_BASE + 6))
/* REPORT_DATA does not carry the nonce (tsm_evidence_check_nonce()), or a
 * TDREPORT's REPORTDATA is not the one requested. */
#define TSM_E_NONCE		(-(TSM_E_BASE + 7))

/** tsm_is_error_code() - true for a TSM_E_* value (either sign). */
static inline int tsm_is_error_code(int err)
{
	if (err < 0)
		err = -err;
	return err > TSM_E_BASE && err <= TSM_E_LAST;
}

/**
 * tsm_strerror() - describe an error returned by this library
 * @err: a negative (or positive) errno value
 *
 * Returns a static string; the TSM_E_* codes get the library's meaning
 * ("evidence truncated", ...), errno values strerror()'s text (without
 * strerror()'s shared buffer), anything else "unknown error". Never NULL.
 */
const char *tsm_strerror(int err);

/* ------------------------------------------------------------------------ */
/* Library context: logging, configfs root, retry policy                   */
/* ------------------------------------------------------------------------ */

#define TSM_CONFIGFS_DEFAULT	"/sys/kernel/config/tsm/report"
/* Kernel limits of configfs-tsm (TSM_INBLOB_MAX, TSM_OUTBLOB_MAX). */
#define TSM_INBLOB_MAX		64
#define TSM_BLOB_MAX		(32 * 1024)
#define TSM_RETRIES_DEFAULT	3

struct tsm_ctx;

/**
 * typedef tsm_log_fn - log callback
 * @data: the pointer given to tsm_ctx_set_log_fn()
 * @priority: syslog priority (LOG_ERR .. LOG_DEBUG)
 * @file: source file, @line: line, @fn: function of the log call
 * @format: printf format, @args: its arguments
 */
typedef void (*tsm_log_fn)(void *data, int priority, const char *file,
			   int line, const char *fn, const char *format,
			   va_list args);

/**
 * tsm_ctx_new() - create a library context
 * @out: receives the context (reference count 1)
 *
 * Defaults: configfs root TSM_CONFIGFS_DEFAULT, TSM_RETRIES_DEFAULT
 * retries, no log callback, log priority LOG_ERR.
 * Returns 0 or -ENOMEM, -EINVAL (@out NULL).
 */
int tsm_ctx_new(struct tsm_ctx **out);
struct tsm_ctx *tsm_ctx_ref(struct tsm_ctx *ctx);
struct tsm_ctx *tsm_ctx_unref(struct tsm_ctx *ctx);

/**
 * tsm_ctx_set_log_fn() - route the library's log messages to @fn
 * @fn: callback, or NULL to silence the library
 * @data: passed back to @fn
 */
void tsm_ctx_set_log_fn(struct tsm_ctx *ctx, tsm_log_fn fn, void *data);
/** tsm_ctx_set_log_priority() - only messages with priority <= @priority. */
void tsm_ctx_set_log_priority(struct tsm_ctx *ctx, int priority);
int tsm_ctx_get_log_priority(const struct tsm_ctx *ctx);

/**
 * tsm_ctx_set_configfs_root() - directory holding the report items
 * @root: e.g. "/sys/kernel/config/tsm/report", or a fake tree in tests;
 *	copied. NULL restores the default.
 * Returns 0, -EINVAL (empty or longer than PATH_MAX), -ENOMEM.
 */
int tsm_ctx_set_configfs_root(struct tsm_ctx *ctx, const char *root);
const char *tsm_ctx_get_configfs_root(const struct tsm_ctx *ctx);

#define TSM_TDX_GUEST_DEFAULT	"/dev/tdx_guest"

/**
 * tsm_ctx_set_tdx_guest_path() - device tsm_tdreport_new() opens
 * @path: e.g. "/dev/tdx_guest", or a test double; copied. NULL restores
 *	the default.
 * Returns 0, -EINVAL (NULL @ctx, empty or longer than PATH_MAX), -ENOMEM.
 */
int tsm_ctx_set_tdx_guest_path(struct tsm_ctx *ctx, const char *path);
const char *tsm_ctx_get_tdx_guest_path(const struct tsm_ctx *ctx);

/**
 * tsm_ctx_set_max_retries() - how often a report is retried after a
 *	racing writer was detected (0 = one attempt only, at most 100)
 * Returns 0 or -EINVAL.
 */
int tsm_ctx_set_max_retries(struct tsm_ctx *ctx, unsigned int retries);

/* ------------------------------------------------------------------------ */
/* Reports through configfs-tsm                                             */
/* ------------------------------------------------------------------------ */

/* tsm_report_opts.flags */
#define TSM_REPORT_AUXBLOB	(1u << 0)	/* also read auxblob */
#define TSM_REPORT_MANIFESTBLOB	(1u << 1)	/* also read manifestblob */

/**
 * struct tsm_report_opts - optional settings of a report request
 * @privlevel: written to "privlevel" when >= 0; < 0 leaves the kernel's
 *	default (the attribute is not touched)
 * @flags: TSM_REPORT_* bits; an optional blob the provider does not offer
 *	(file absent) is reported as empty, not as an error
 * @service_provider: written to "service_provider" when non-NULL (SVSM)
 */
struct tsm_report_opts {
	int privlevel;
	unsigned int flags;
	const char *service_provider;
};

struct tsm_report;

/**
 * tsm_report_new() - get a fresh report through configfs-tsm
 * @ctx: library context (root, retries, logging)
 * @nonce: inblob, 1..TSM_INBLOB_MAX bytes (REPORT_DATA of the evidence).
 *	tdx_guest accepts exactly 64 bytes; sev_guest and tsm_wd_sim zero-pad
 *	shorter ones. Pass 64 bytes (zero-padded) to work with every provider.
 * @nonce_len: its length
 * @opts: NULL for defaults (no privlevel, outblob only)
 * @out: receives the report (reference count 1)
 *
 * Creates a uniquely named item under the configfs root, writes
 * privlevel / service_provider / inblob, reads "generation" before and
 * after reading the blobs and "provider"; if generation is not the number
 * of writes made, another writer raced us: the item is removed and the
 * whole request retried, at most tsm_ctx_set_max_retries() times. The
 * item is removed (rmdir) on every path, success or error.
 *
 * Returns 0 or: -EINVAL (bad arguments), -ENOMEM, TSM_E_RACE (still racing
 * after the retries), TSM_E_TOOBIG (blob > TSM_BLOB_MAX), TSM_E_MALFORMED
 * (generation or provider unreadable as such), or the errno of the failing
 * mkdir/open/read/write/close (-ENOENT: no configfs-tsm at the root,
 * -ENXIO / -EIO / ...: the provider failed).
 */
int tsm_report_new(struct tsm_ctx *ctx, const void *nonce, size_t nonce_len,
		   const struct tsm_report_opts *opts, struct tsm_report **out);
struct tsm_report *tsm_report_ref(struct tsm_report *report);
struct tsm_report *tsm_report_unref(struct tsm_report *report);

/**
 * tsm_report_save() - write the report's blobs as files into @dir
 * @dir: created (mode 0755) when missing; an existing directory is used
 * @failed: when non-NULL, receives the name of the file that failed
 *
 * Writes "inblob" (the nonce), "outblob", "auxblob" and "manifestblob"
 * (when the report has them) and "provider", each created new with
 * O_CREAT|O_EXCL|O_NOFOLLOW: a file that exists is never truncated or
 * overwritten and a symbolic link is never followed. Stops at the first
 * failure; files written before it stay.
 * Returns 0 or -EINVAL, -EEXIST (a file of that name exists), -ELOOP (it
 * is a symbolic link), or the errno of mkdir/open/write/fsync/close.
 */
int tsm_report_save(const struct tsm_report *report, const char *dir,
		    const char **failed);

/** tsm_report_get_provider() - "provider" attribute, newline stripped. */
const char *tsm_report_get_provider(const struct tsm_report *report);
/** Blob accessors: pointer (NULL when empty) and its length in *@len. */
const uint8_t *tsm_report_get_outblob(const struct tsm_report *report,
				      size_t *len);
const uint8_t *tsm_report_get_auxblob(const struct tsm_report *report,
				      size_t *len);
const uint8_t *tsm_report_get_manifestblob(const struct tsm_report *report,
					   size_t *len);
/** The nonce that was written as inblob. */
const uint8_t *tsm_report_get_nonce(const struct tsm_report *report,
				    size_t *len);
/** "generation" value read after the blobs. */
uint64_t tsm_report_get_generation(const struct tsm_report *report);
/** Number of attempts it took (1 when no race was seen). */
unsigned int tsm_report_get_attempts(const struct tsm_report *report);

/* ------------------------------------------------------------------------ */
/* TDREPORT from the TDX module (/dev/tdx_guest)                            */
/* ------------------------------------------------------------------------ */

#define TSM_TDREPORT_LEN	1024

struct tsm_tdreport;
struct tsm_evidence;

/**
 * tsm_tdreport_new() - get a TDREPORT through Linux's tdx-guest driver
 * @ctx: library context (device path, logging)
 * @reportdata: REPORTDATA, 1..64 bytes, zero-padded to 64 (the nonce)
 * @len: its length
 * @out: receives the report (reference count 1)
 *
 * Opens tsm_ctx_get_tdx_guest_path() and issues TDX_CMD_GET_REPORT0
 * (struct tdx_report_req: 64 bytes REPORTDATA in, 1024 bytes TDREPORT
 * out). The TDREPORT is made by the TDX module, not by the host, so it is
 * what a guest decides on (a configfs-tsm quote is assembled by the host).
 * It is parsed with tsm_parse_tdreport() and its REPORTDATA compared with
 * the request.
 *
 * Returns 0 or: -EINVAL (bad arguments), -ENOMEM, the errno of open()
 * (-ENOENT: not a TDX guest or tdx-guest not loaded, -EACCES) or of the
 * ioctl (-ENOTTY: the path is not a tdx-guest device, -EIO: the TDCALL
 * failed, ...), a parser error (TSM_E_*) when the TDREPORT does not parse
 * (logged with the reason), TSM_E_NONCE when its REPORTDATA is not ours.
 */
int tsm_tdreport_new(struct tsm_ctx *ctx, const void *reportdata, size_t len,
		     struct tsm_tdreport **out);
struct tsm_tdreport *tsm_tdreport_ref(struct tsm_tdreport *report);
struct tsm_tdreport *tsm_tdreport_unref(struct tsm_tdreport *report);
/** The raw TSM_TDREPORT_LEN bytes (*@len set to that). */
const uint8_t *tsm_tdreport_get_data(const struct tsm_tdreport *report,
				     size_t *len);
/** The parsed TDREPORT (format TSM_FORMAT_TDREPORT, tcb, tdx fields). */
const struct tsm_evidence *
tsm_tdreport_get_evidence(const struct tsm_tdreport *report);

/* ------------------------------------------------------------------------ */
/* TCB values                                                               */
/* ------------------------------------------------------------------------ */

#define TSM_TCB_MAX		64	/* bytes */
#define TSM_SCHEME_MAX		15	/* characters */
#define TSM_TCB_TEXT_MAX	(TSM_SCHEME_MAX + 1 + 2 * TSM_TCB_MAX + 1)
#define TSM_COMPONENTS_MAX	256	/* component text incl. NUL */

/**
 * struct tsm_tcb - a TCB value, text form "<scheme>:<lowercase hex>"
 * @scheme: NUL-terminated, [a-z0-9]{1,15}
 * @len: valid bytes in @bytes (1..TSM_TCB_MAX)
 * @bytes: the value, in text order. For "snp" these are the 8 bytes of
 *	the TCB_VERSION u64 most significant first (the text is "%016llx" of
 *	the little-endian u64 in the report), so @bytes[7] is bl (Milan/Genoa)
 *	or fmc (Turin) and @bytes[0] is ucode. For "tdx" the running TDX
 *	module's 16 SVN bytes (TEE_TCB_SVN2 or TEE_TCB_SVN) then the 16
 *	CPUSVN bytes, each in report order.
 */
struct tsm_tcb {
	char scheme[TSM_SCHEME_MAX + 1];
	uint8_t len;
	uint8_t bytes[TSM_TCB_MAX];
};

/**
 * tsm_tcb_parse() - parse the text form
 * @text: "<scheme>:<hex>", NUL-terminated; one trailing '\n' is accepted
 *	(sysfs style), nothing else around it. Hex must be lowercase with an
 *	even number of digits; "snp" needs exactly 16 digits, "tdx" 64.
 * Returns 0 or -EINVAL (NULL, malformed, too long).
 */
int tsm_tcb_parse(const char *text, struct tsm_tcb *out);
/** tsm_tcb_parse_n() - as tsm_tcb_parse() for @len bytes (no NUL needed). */
int tsm_tcb_parse_n(const char *text, size_t len, struct tsm_tcb *out);

/**
 * tsm_tcb_format() - write the text form into @buf
 * Returns the length written (without NUL), -EINVAL (invalid @tcb) or
 * -ENOSPC (@size too small; TSM_TCB_TEXT_MAX always suffices).
 */
int tsm_tcb_format(const struct tsm_tcb *tcb, char *buf, size_t size);

/** tsm_tcb_from_snp() - "snp" TCB from a report's TCB_VERSION u64. */
void tsm_tcb_from_snp(uint64_t tcb_version, struct tsm_tcb *out);
/** tsm_tcb_to_snp() - inverse; -EINVAL unless scheme "snp" and 8 bytes. */
int tsm_tcb_to_snp(const struct tsm_tcb *tcb, uint64_t *tcb_version);
/** tsm_tcb_from_tdx() - "tdx" TCB from the running module's 16 SVN
 *  bytes (TEE_TCB_SVN2 where valid, else TEE_TCB_SVN) and 16 CPUSVN bytes. */
void tsm_tcb_from_tdx(const uint8_t module_svn[16], const uint8_t cpusvn[16],
		      struct tsm_tcb *out);

/** tsm_tcb_equal() - same scheme, length and bytes. */
bool tsm_tcb_equal(const struct tsm_tcb *a, const struct tsm_tcb *b);

enum tsm_tcb_order {
	TSM_TCB_OLDER = -1,		/* some component lower, none higher */
	TSM_TCB_EQUAL = 0,
	TSM_TCB_NEWER = 1,		/* some component higher, none lower */
	TSM_TCB_INCOMPARABLE = 2,	/* some higher and some lower */
};

/**
 * tsm_tcb_compare() - component-wise order of @a relative to @b
 * @order: receives the result
 *
 * Every byte of the value is one SVN ("snp": the TCB_VERSION component
 * bytes, same order for Milan/Genoa and Turin; reserved bytes are zero;
 * "tdx": each module SVN byte and each CPUSVN byte, except that the TDX
 * module minor SVN (byte 0) is only compared while the major SVNs (byte
 * 1) are equal: a new major restarts the minor). Rollback detection: @a (current) is a
 * rollback against @b (baseline) when the result is TSM_TCB_OLDER or
 * TSM_TCB_INCOMPARABLE, see tsm_tcb_is_rollback().
 * Returns 0, or -EINVAL (NULL, different schemes or lengths, invalid).
 */
int tsm_tcb_compare(const struct tsm_tcb *a, const struct tsm_tcb *b,
		    enum tsm_tcb_order *order);
/** tsm_tcb_is_rollback() - 1 if any component of @cur is below @base, 0
 *	if none, -EINVAL if not comparable (different scheme or length). */
int tsm_tcb_is_rollback(const struct tsm_tcb *cur, const struct tsm_tcb *base);

/* SEV-SNP TCB_VERSION component layouts */
enum tsm_snp_layout {
	TSM_SNP_LAYOUT_MILAN_GENOA = 0,	/* bl,tee,rsvd[4],snp,ucode */
	TSM_SNP_LAYOUT_TURIN = 1,	/* fmc,bl,tee,snp,rsvd[3],ucode */
};

/**
 * tsm_tcb_components() - human component breakdown
 * @layout: SNP layout (ignored for other schemes)
 *
 * "snp" Milan/Genoa: "bl=4 tee=0 snp=21 ucode=211"; Turin:
 * "fmc=1 bl=4 tee=0 snp=21 ucode=211" (decimal; a non-zero reserved byte
 * is added as "rsvdN=V"). "tdx": "module_minor=3 module_major=1 seamldr=2
 * cpusvn=<32 hex>" (non-zero reserved SVN bytes as "svnN=V"). Other
 * schemes: the text form.
 * Returns the length written, -EINVAL or -ENOSPC.
 */
int tsm_tcb_components(const struct tsm_tcb *tcb, enum tsm_snp_layout layout,
		       char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/* Evidence parsers                                                         */
/* ------------------------------------------------------------------------ */

enum tsm_format {
	TSM_FORMAT_AUTO = 0,		/* detect (tsm_evidence_parse()) */
	TSM_FORMAT_SNP_REPORT = 1,	/* SEV-SNP ATTESTATION_REPORT */
	TSM_FORMAT_TDX_QUOTE = 2,	/* TDX DCAP quote v4 / v5 */
	TSM_FORMAT_TDREPORT = 3,	/* raw 1024-byte TDREPORT_STRUCT */
};

/** tsm_format_name() - "snp-report", "tdx-quote", "tdreport", "auto". */
const char *tsm_format_name(enum tsm_format fmt);
/** tsm_format_from_name() - inverse of tsm_format_name(); also accepts
 *	"snp". Returns 0 or -EINVAL. */
int tsm_format_from_name(const char *name, enum tsm_format *fmt);

/**
 * tsm_format_from_provider() - evidence format a configfs-tsm provider emits
 * @provider: "sev_guest" -> SNP report, "tdx_guest" -> TDX quote,
 *	"tsm_wd_sim" -> TSM_FORMAT_AUTO (the simulator emits an SNP report v3
 *	or a TDX quote v5 by its platform parameter: detected from the blob,
 *	then fully validated); a trailing '\n' is ignored
 * Returns 0 or TSM_E_UNKNOWN_FORMAT, -EINVAL.
 */
int tsm_format_from_provider(const char *provider, enum tsm_format *fmt);

/**
 * tsm_format_detect() - guess a blob's format from its structure
 *
 * TDX quote: u16 version 4/5 and TEE type 0x81 at offset 4; TDREPORT: 1024
 * bytes with REPORTTYPE.TYPE 0x81; SNP report: u32 version 2/3/5 and at
 * least 1184 bytes. Detection only picks a parser, which then validates.
 * Returns 0 or TSM_E_UNKNOWN_FORMAT, -EINVAL.
 */
int tsm_format_detect(const void *buf, size_t len, enum tsm_format *fmt);

#define TSM_REPORT_DATA_LEN	64
#define TSM_WHY_MAX		160

/**
 * struct tsm_snp_report - SEV-SNP ATTESTATION_REPORT fields (host order)
 * Fields the report version does not carry are zero; see LAYOUTS.md.
 */
struct tsm_snp_report {
	uint32_t version;		/* 2, 3 or 5 */
	uint32_t guest_svn;
	uint64_t policy;
	uint8_t family_id[16];
	uint8_t image_id[16];
	uint32_t vmpl;
	uint32_t signature_algo;
	uint64_t current_tcb;
	uint64_t platform_info;
	uint32_t key_info;		/* AUTHOR_KEY_EN, MASK_CHIP_KEY, ... */
	uint8_t report_data[64];
	uint8_t measurement[48];
	uint8_t host_data[32];
	uint8_t id_key_digest[48];
	uint8_t author_key_digest[48];
	uint8_t report_id[32];
	uint8_t report_id_ma[32];
	uint64_t reported_tcb;
	bool has_cpuid;			/* version >= 3 */
	uint8_t cpuid_fam_id;
	uint8_t cpuid_mod_id;
	uint8_t cpuid_step;
	uint8_t chip_id[64];
	uint64_t committed_tcb;
	uint8_t current_build, current_minor, current_major;
	uint8_t committed_build, committed_minor, committed_major;
	uint64_t launch_tcb;
	bool has_mit_vector;		/* version >= 5 */
	uint64_t launch_mit_vector;
	uint64_t current_mit_vector;
	enum tsm_snp_layout layout;
	bool layout_assumed;		/* no CPUID fields (v2): Milan/Genoa */
	uint8_t signature[512];
};

/**
 * struct tsm_tdx_evidence - TDX quote / TDREPORT fields
 *
 * The running TDX module's SVN is @tee_tcb_svn2 when @has_tee_tcb_svn2,
 * else @tee_tcb_svn (the SVN at TD launch, which a TD-preserving module
 * update does not change). @tee_tcb_svn2 is present in a TDREPORT whose
 * TEE_TCB_INFO.VALID marks it (bit 16), and in a quote v5
 * with a TD report 1.5 body (type 3) unless it is all zero.
 * @cpusvn: TDREPORT: REPORTMACSTRUCT.CPUSVN; quote: CPUSVN of the QE
 *	report in the QE report certification data (type 6).
 * For a TDREPORT the quote-only fields are zero; for a quote the
 * TDREPORT-only ones.
 */
struct tsm_tdx_evidence {
	/* quote header */
	uint16_t quote_version;		/* 4 or 5 */
	uint16_t att_key_type;
	uint32_t tee_type;		/* 0x81 */
	uint16_t qe_svn;		/* header bytes 8..9 (reserved in v4/v5) */
	uint16_t pce_svn;		/* header bytes 10..11 (reserved) */
	uint8_t qe_vendor_id[16];
	uint8_t user_data[20];
	uint16_t body_type;		/* v5: 2 or 3; v4: 2 (implied) */
	uint32_t body_size;		/* 584 or 648 */
	uint32_t sig_data_len;
	/* quote signature data: certification data (type 6) and QE report */
	uint16_t cert_type;		/* 6: QE report certification data */
	uint32_t cert_size;
	uint16_t qe_isv_prod_id;	/* QE report ISVPRODID */
	uint16_t qe_isv_svn;		/* QE report ISVSVN */
	uint16_t qe_auth_data_size;
	uint16_t qe_cert_type;		/* inner: 5 = PCK certificate chain */
	uint32_t qe_cert_size;
	/* TDREPORT only: REPORTMACSTRUCT, TEE_TCB_INFO.VALID */
	uint8_t report_type[4];		/* type, subtype, version, reserved */
	uint64_t tee_tcb_info_valid;
	/* both */
	uint8_t cpusvn[16];
	/* TD report body / TEE_TCB_INFO / TDINFO */
	uint8_t tee_tcb_svn[16];
	bool has_tee_tcb_svn2;
	uint8_t tee_tcb_svn2[16];
	uint8_t mrseam[48];
	uint8_t mrsignerseam[48];
	uint8_t seam_attributes[8];
	uint8_t td_attributes[8];
	uint8_t xfam[8];
	uint8_t mrtd[48];
	uint8_t mrconfigid[48];
	uint8_t mrowner[48];
	uint8_t mrownerconfig[48];
	uint8_t rtmr[4][48];
	bool has_mrservicetd;
	uint8_t mrservicetd[48];
	uint8_t report_data[64];
};

/**
 * struct tsm_evidence - parsed evidence (plain value, no ownership)
 * @format: what was parsed
 * @version: SNP report version, TDX quote version, TDREPORT REPORTTYPE.VERSION
 * @tcb: the TCB the platform runs now: SNP CURRENT_TCB; TDX the running
 *	module's SVN (TEE_TCB_SVN2 where present, else TEE_TCB_SVN) followed
 *	by CPUSVN (32 bytes)
 * @tcb_text: @tcb in text form
 * @components: human breakdown of @tcb
 * @report_data: REPORT_DATA / REPORTDATA (64 bytes, nonce check)
 * @snp: valid when @format is TSM_FORMAT_SNP_REPORT
 * @tdx: valid for TSM_FORMAT_TDX_QUOTE and TSM_FORMAT_TDREPORT
 * @why: on failure, a sentence naming what is wrong ("SNP report is 1000
 *	bytes, the layout needs 1184"); empty on success
 */
struct tsm_evidence {
	enum tsm_format format;
	unsigned int version;
	struct tsm_tcb tcb;
	char tcb_text[TSM_TCB_TEXT_MAX];
	char components[TSM_COMPONENTS_MAX];
	uint8_t report_data[TSM_REPORT_DATA_LEN];
	struct tsm_snp_report snp;
	struct tsm_tdx_evidence tdx;
	char why[TSM_WHY_MAX];
};

/*
 * Parsers. Each fills *@out (zeroed first) and returns 0, or returns
 * -EINVAL (NULL arguments), TSM_E_TRUNCATED, TSM_E_VERSION,
 * TSM_E_MALFORMED or TSM_E_UNKNOWN_FORMAT with @out->why set.
 */
/** SEV-SNP ATTESTATION_REPORT v2/v3/v5; @len must be >= 1184 (bytes past
 *  the report are ignored). */
int tsm_parse_snp_report(const void *buf, size_t len, struct tsm_evidence *out);
/** TDX quote v4/v5; size fields checked against @len; the signature data
 *  and its QE report certification data (type 6, which gives CPUSVN) are
 *  length-checked, not verified; bytes after them are ignored. */
int tsm_parse_tdx_quote(const void *buf, size_t len, struct tsm_evidence *out);
/** Raw TDREPORT_STRUCT; @len must be exactly 1024. */
int tsm_parse_tdreport(const void *buf, size_t len, struct tsm_evidence *out);
/** Parse as @fmt, or detect with tsm_format_detect() for TSM_FORMAT_AUTO. */
int tsm_evidence_parse(const void *buf, size_t len, enum tsm_format fmt,
		       struct tsm_evidence *out);
/** Parse with the parser tsm_format_from_provider() picks for @provider. */
int tsm_evidence_parse_provider(const char *provider, const void *buf,
				size_t len, struct tsm_evidence *out);

/**
 * tsm_evidence_check_nonce() - freshness check
 * Returns 0 when REPORT_DATA starts with @nonce (1..64 bytes) and every
 * byte after it is zero (how configfs-tsm pads the inblob), TSM_E_NONCE
 * when not, -EINVAL for bad arguments.
 */
int tsm_evidence_check_nonce(const struct tsm_evidence *ev, const void *nonce,
			     size_t nonce_len);

#ifdef __cplusplus
}
#endif

#endif /* TSM_H */
