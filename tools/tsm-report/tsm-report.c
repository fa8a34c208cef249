// SPDX-License-Identifier: GPL-2.0-only
/*
 * tsm-report: get a fresh attestation report through configfs-tsm, or
 * decode a saved one, and print provider, TCB and report data.
 *
 *   tsm-report [--nonce HEX] [--json] [--save DIR] [--configfs DIR]
 *              [--privlevel N]
 *   tsm-report parse FILE [--format auto|snp|tdx-quote|tdreport] [--json]
 *
 * Exit status: 0 success, 1 the report could not be obtained or the
 * evidence does not parse (a message says what is wrong), 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "tsm.h"
#include "tsm-util.h"

#define EXIT_FAIL	1
#define EXIT_USAGE	2
#define FILE_MAX	(1024 * 1024)

struct opts {
	bool json;
	bool parse;
	const char *file;
	const char *save;
	const char *configfs;
	const char *nonce_hex;
	int privlevel;
	enum tsm_format format;
	bool format_set;
};

static void usage(FILE *f)
{
	fprintf(f,
"Usage: tsm-report [--nonce HEX] [--json] [--save DIR] [--configfs DIR]\n"
"                  [--privlevel N]\n"
"       tsm-report parse FILE [--format auto|snp|tdx-quote|tdreport] [--json]\n"
"       tsm-report --help\n"
"\n"
"Without a command, get a fresh attestation report through configfs-tsm and\n"
"print the provider, the TCB (text form and components) and the report data.\n"
"'parse' decodes a saved SEV-SNP report, TDX quote or TDREPORT file without\n"
"touching configfs.\n"
"\n"
"TCB text form: snp:<16 hex> (CURRENT_TCB) or tdx:<64 hex> (the running TDX\n"
"module's SVN, TEE_TCB_SVN2 where the evidence has it, else TEE_TCB_SVN,\n"
"followed by CPUSVN).\n"
"\n"
"  --nonce HEX      report data to request, 1..64 bytes in hex; zero-padded to\n"
"                   64 bytes (default: 64 random bytes)\n"
"  --json           one JSON object instead of text\n"
"  --save DIR       also write the raw blobs (inblob, outblob, auxblob,\n"
"                   manifestblob, provider) into DIR (created if missing);\n"
"                   existing files and symbolic links there are never\n"
"                   overwritten or followed: that is an error\n"
"  --configfs DIR   configfs-tsm report directory\n"
"                   (default " TSM_CONFIGFS_DEFAULT ")\n"
"  --privlevel N    write N to the report's privlevel attribute\n"
"  --format F       evidence format for 'parse' (default auto: detected)\n"
"  -h, --help       this text\n"
"\n"
"Exit status: 0 success, 1 no report or evidence that does not parse,\n"
"2 usage error.\n");
}

__attribute__((format(printf, 1, 2)))
static int fail(const char *fmt, ...)
{
	va_list ap;

	fputs("tsm-report: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("tsm-report: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'tsm-report --help'.\n", stderr);
	return EXIT_USAGE;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "nonce", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "save", required_argument, NULL, 's' },
		{ "configfs", required_argument, NULL, 'c' },
		{ "privlevel", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long v;
	int c;

	o->privlevel = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+h", lo, NULL)) != -1 ||
	       optind < argc) {
		if (c == -1) {
			/* a positional argument; options may follow it */
			if (!o->parse && !o->file && !strcmp(argv[optind], "parse"))
				o->parse = true;
			else if (o->parse && !o->file)
				o->file = argv[optind];
			else
				return usage_error("unexpected argument '%s'",
						   argv[optind]);
			optind++;
			continue;
		}
		switch (c) {
		case 'n':
			o->nonce_hex = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case 's':
			o->save = optarg;
			break;
		case 'c':
			o->configfs = optarg;
			break;
		case 'p':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 0 || v > INT_MAX)
				return usage_error("--privlevel: '%s' is not a non-negative number",
						   optarg);
			o->privlevel = (int)v;
			break;
		case 'f':
			if (tsm_format_from_name(optarg, &o->format))
				return usage_error("--format: unknown format '%s' (auto, snp, tdx-quote, tdreport)",
						   optarg);
			o->format_set = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			if (optopt)
				return usage_error("option '%s' is unknown or needs an argument",
						   argv[optind - 1]);
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (o->parse) {
		if (!o->file)
			return usage_error("parse: missing FILE");
		if (o->nonce_hex || o->save || o->configfs || o->privlevel >= 0)
			return usage_error("parse takes only FILE, --format and --json");
	} else if (o->format_set) {
		return usage_error("--format is only for 'parse'");
	}
	return 0;
}

/* ---- output ---------------------------------------------------------- */

static void line_hex(const char *key, const uint8_t *p, size_t n)
{
	printf("%-16s ", key);
	tsm_hex_fputs(stdout, p, n);
	putchar('\n');
}

static void snp_tcb_text(uint64_t v, char buf[TSM_TCB_TEXT_MAX])
{
	struct tsm_tcb t;

	tsm_tcb_from_snp(v, &t);
	if (tsm_tcb_format(&t, buf, TSM_TCB_TEXT_MAX) < 0)
		buf[0] = '\0';
}

/* "bl=4 tee=0 snp=21" -> {"bl": 4, "tee": 0, "snp": 21};
 * "... seamldr=2 cpusvn=0b0b.." -> {..., "seamldr": 2, "cpusvn": "0b0b.."} */
static void json_components(struct tsm_json *j, const char *key,
			    const char *text)
{
	char copy[TSM_COMPONENTS_MAX], *save = NULL, *tok;

	tsm_json_begin_object(j, key);
	snprintf(copy, sizeof(copy), "%s", text);
	for (tok = strtok_r(copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');

		if (!eq)
			continue;
		*eq = '\0';
		/* SVNs are decimal numbers; CPUSVN is a hex string */
		if (eq[1] && strspn(eq + 1, "0123456789") == strlen(eq + 1) &&
		    strlen(eq + 1) < 10)
			tsm_json_uint(j, tok, strtoull(eq + 1, NULL, 10));
		else
			tsm_json_string(j, tok, eq + 1);
	}
	tsm_json_end_object(j);
}

static const char *layout_name(const struct tsm_snp_report *r)
{
	return r->layout == TSM_SNP_LAYOUT_TURIN ? "turin" : "milan-genoa";
}

/* Report-mode extras for print_json(); NULL in parse mode. */
struct fetch_info {
	const char *provider;
	const uint8_t *nonce;
	size_t nonce_len;
	unsigned int attempts;
	unsigned long long generation;
};

static void json_snp(struct tsm_json *j, const struct tsm_evidence *ev)
{
	const struct tsm_snp_report *s = &ev->snp;
	char buf[TSM_TCB_TEXT_MAX];

	snp_tcb_text(s->current_tcb, buf);
	tsm_json_string(j, "current_tcb", buf);
	snp_tcb_text(s->reported_tcb, buf);
	tsm_json_string(j, "reported_tcb", buf);
	snp_tcb_text(s->committed_tcb, buf);
	tsm_json_string(j, "committed_tcb", buf);
	snp_tcb_text(s->launch_tcb, buf);
	tsm_json_string(j, "launch_tcb", buf);
	json_components(j, "tcb_components", ev->components);
	tsm_json_string(j, "tcb_layout", layout_name(s));
	tsm_json_bool(j, "tcb_layout_assumed", s->layout_assumed);
	tsm_json_hex(j, "measurement", s->measurement, sizeof(s->measurement));
	tsm_json_hex(j, "chip_id", s->chip_id, sizeof(s->chip_id));
	tsm_json_hex(j, "host_data", s->host_data, sizeof(s->host_data));
	tsm_json_uint(j, "guest_svn", s->guest_svn);
	tsm_json_uint(j, "policy", s->policy);
	tsm_json_uint(j, "vmpl", s->vmpl);
	tsm_json_uint(j, "platform_info", s->platform_info);
	snprintf(buf, sizeof(buf), "%u.%u.%u", s->current_major,
		 s->current_minor, s->current_build);
	tsm_json_string(j, "firmware", buf);
	snprintf(buf, sizeof(buf), "%u.%u.%u", s->committed_major,
		 s->committed_minor, s->committed_build);
	tsm_json_string(j, "committed_firmware", buf);
	if (s->has_cpuid) {
		tsm_json_uint(j, "cpuid_fam_id", s->cpuid_fam_id);
		tsm_json_uint(j, "cpuid_mod_id", s->cpuid_mod_id);
		tsm_json_uint(j, "cpuid_step", s->cpuid_step);
	}
	if (s->has_mit_vector) {
		tsm_json_uint(j, "launch_mit_vector", s->launch_mit_vector);
		tsm_json_uint(j, "current_mit_vector", s->current_mit_vector);
	}
}

static void json_tdx(struct tsm_json *j, const struct tsm_evidence *ev)
{
	const struct tsm_tdx_evidence *t = &ev->tdx;

	json_components(j, "tcb_components", ev->components);
	tsm_json_hex(j, "tee_tcb_svn", t->tee_tcb_svn, 16);
	if (t->has_tee_tcb_svn2)
		tsm_json_hex(j, "tee_tcb_svn2", t->tee_tcb_svn2, 16);
	tsm_json_hex(j, "cpusvn", t->cpusvn, 16);
	if (ev->format == TSM_FORMAT_TDREPORT)
		tsm_json_uint(j, "tee_tcb_info_valid", t->tee_tcb_info_valid);
	tsm_json_hex(j, "mrseam", t->mrseam, 48);
	tsm_json_hex(j, "mrsignerseam", t->mrsignerseam, 48);
	tsm_json_hex(j, "mrtd", t->mrtd, 48);
	tsm_json_hex(j, "mrconfigid", t->mrconfigid, 48);
	tsm_json_hex(j, "mrowner", t->mrowner, 48);
	tsm_json_hex(j, "mrownerconfig", t->mrownerconfig, 48);
	for (int i = 0; i < 4; i++) {
		char k[16];

		snprintf(k, sizeof(k), "rtmr%d", i);
		tsm_json_hex(j, k, t->rtmr[i], 48);
	}
	tsm_json_hex(j, "td_attributes", t->td_attributes, 8);
	tsm_json_hex(j, "xfam", t->xfam, 8);
	if (t->has_mrservicetd)
		tsm_json_hex(j, "mrservicetd", t->mrservicetd, 48);
	if (ev->format == TSM_FORMAT_TDX_QUOTE) {
		tsm_json_uint(j, "body_type", t->body_type);
		tsm_json_uint(j, "att_key_type", t->att_key_type);
		tsm_json_uint(j, "tee_type", t->tee_type);
		tsm_json_uint(j, "signature_data_len", t->sig_data_len);
		tsm_json_uint(j, "cert_type", t->cert_type);
		tsm_json_uint(j, "qe_isv_prod_id", t->qe_isv_prod_id);
		tsm_json_uint(j, "qe_isv_svn", t->qe_isv_svn);
	}
}

/* Returns 0, or EXIT_FAIL when stdout could not take the document. */
static int print_json(const struct tsm_evidence *ev,
		      const struct fetch_info *fi)
{
	struct tsm_json *j;
	int ret;

	ret = tsm_json_new(stdout, TSM_JSON_PRETTY, &j);
	if (ret)
		return fail("JSON: %s", strerror(-ret));
	tsm_json_begin_object(j, NULL);
	if (fi)
		tsm_json_string(j, "provider", fi->provider);
	tsm_json_string(j, "format", tsm_format_name(ev->format));
	tsm_json_uint(j, "version", ev->version);
	tsm_json_string(j, "tcb", ev->tcb_text);
	tsm_json_string(j, "components", ev->components);
	tsm_json_hex(j, "report_data", ev->report_data, sizeof(ev->report_data));
	if (fi) {
		tsm_json_hex(j, "nonce", fi->nonce, fi->nonce_len);
		tsm_json_bool(j, "nonce_ok", true);
		tsm_json_uint(j, "attempts", fi->attempts);
		tsm_json_uint(j, "generation", fi->generation);
	}
	if (ev->format == TSM_FORMAT_SNP_REPORT)
		json_snp(j, ev);
	else
		json_tdx(j, ev);
	tsm_json_end_object(j);
	ret = tsm_json_finish(j);
	if (ret)
		return fail("stdout: %s", strerror(-ret));
	return 0;
}

static void print_text(const struct tsm_evidence *ev, const char *provider)
{
	const struct tsm_snp_report *s = &ev->snp;
	const struct tsm_tdx_evidence *t = &ev->tdx;
	char tcb[TSM_TCB_TEXT_MAX];

	if (provider)
		printf("%-16s %s\n", "provider:", provider);
	printf("%-16s %s version %u\n", "format:", tsm_format_name(ev->format),
	       ev->version);
	printf("%-16s %s\n", "tcb:", ev->tcb_text);
	printf("%-16s %s\n", "components:", ev->components);
	line_hex("report_data:", ev->report_data, sizeof(ev->report_data));
	if (ev->format == TSM_FORMAT_SNP_REPORT) {
		printf("%-16s %s%s\n", "tcb layout:", layout_name(s),
		       s->layout_assumed ? " (assumed: version 2 has no CPUID fields)" : "");
		snp_tcb_text(s->reported_tcb, tcb);
		printf("%-16s %s\n", "reported_tcb:", tcb);
		snp_tcb_text(s->committed_tcb, tcb);
		printf("%-16s %s\n", "committed_tcb:", tcb);
		snp_tcb_text(s->launch_tcb, tcb);
		printf("%-16s %s\n", "launch_tcb:", tcb);
		printf("%-16s %u.%u.%u (committed %u.%u.%u)\n", "firmware:",
		       s->current_major, s->current_minor, s->current_build,
		       s->committed_major, s->committed_minor, s->committed_build);
		line_hex("measurement:", s->measurement, sizeof(s->measurement));
		line_hex("chip_id:", s->chip_id, sizeof(s->chip_id));
	} else {
		line_hex("tee_tcb_svn:", t->tee_tcb_svn, 16);
		if (t->has_tee_tcb_svn2)
			line_hex("tee_tcb_svn2:", t->tee_tcb_svn2, 16);
		else
			printf("%-16s none (the running module's SVN is TEE_TCB_SVN)\n",
			       "tee_tcb_svn2:");
		line_hex("cpusvn:", t->cpusvn, 16);
		line_hex("mrseam:", t->mrseam, 48);
		line_hex("mrtd:", t->mrtd, 48);
	}
}

/* ---- commands -------------------------------------------------------- */

static int read_file(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	size_t n;

	if (!f)
		return fail("%s: %s", path, strerror(errno));
	buf = malloc(FILE_MAX + 1);
	if (!buf) {
		fclose(f);
		return fail("out of memory");
	}
	n = fread(buf, 1, FILE_MAX + 1, f);
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		free(buf);
		return fail("%s: %s", path, strerror(e));
	}
	fclose(f);
	if (n > FILE_MAX) {
		free(buf);
		return fail("%s: larger than %d bytes, not attestation evidence",
			    path, FILE_MAX);
	}
	*data = buf;
	*len = n;
	return 0;
}

static int cmd_parse(const struct opts *o)
{
	struct tsm_evidence ev;
	uint8_t *data = NULL;
	size_t len = 0;
	int ret;

	ret = read_file(o->file, &data, &len);
	if (ret)
		return ret;
	ret = tsm_evidence_parse(data, len, o->format, &ev);
	free(data);
	if (ret)
		return fail("%s: %s: %s", o->file, tsm_strerror(ret),
			    ev.why[0] ? ev.why : "cannot parse");
	if (o->json)
		return print_json(&ev, NULL);
	print_text(&ev, NULL);
	return 0;
}

static int save_blobs(const char *dir, const struct tsm_report *r)
{
	const char *failed = NULL;
	int ret = tsm_report_save(r, dir, &failed);

	if (!ret)
		return 0;
	if (!failed)
		return fail("--save %s: %s", dir, strerror(-ret));
	if (ret == -EEXIST)
		return fail("--save %s: %s/%s already exists; refusing to overwrite it (use a new directory)",
			    dir, dir, failed);
	if (ret == -ELOOP)
		return fail("--save %s: %s/%s is a symbolic link; refusing to follow it",
			    dir, dir, failed);
	return fail("--save %s: %s/%s: %s", dir, dir, failed, strerror(-ret));
}

static void log_stderr(void *data, int prio, const char *file, int line,
		       const char *fn, const char *fmt, va_list ap)
{
	(void)data; (void)prio; (void)file; (void)line; (void)fn;
	fputs("tsm-report: libtsm: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static int cmd_report(const struct opts *o)
{
	struct tsm_report_opts ro = { .privlevel = o->privlevel };
	uint8_t nonce[TSM_INBLOB_MAX] = { 0 };
	struct tsm_report *r = NULL;
	struct tsm_ctx *ctx = NULL;
	struct tsm_evidence ev;
	const uint8_t *blob;
	size_t len;
	int ret;

	if (o->nonce_hex) {
		if (tsm_hex_decode_str(o->nonce_hex, nonce, sizeof(nonce), 0) <= 0)
			return usage_error("--nonce: '%s' is not 1..64 bytes of hex",
					   o->nonce_hex);
	} else if (getrandom(nonce, sizeof(nonce), 0) != (ssize_t)sizeof(nonce)) {
		return fail("getrandom: %s", strerror(errno));
	}
	if (o->save)
		ro.flags = TSM_REPORT_AUXBLOB | TSM_REPORT_MANIFESTBLOB;

	ret = tsm_ctx_new(&ctx);
	if (!ret && o->configfs)
		ret = tsm_ctx_set_configfs_root(ctx, o->configfs);
	if (ret) {
		tsm_ctx_unref(ctx);
		return fail("%s", tsm_strerror(ret));
	}
	tsm_ctx_set_log_fn(ctx, log_stderr, NULL);
	tsm_ctx_set_log_priority(ctx, LOG_ERR);
	/* the nonce is always sent as 64 bytes (tdx_guest requires it) */
	ret = tsm_report_new(ctx, nonce, sizeof(nonce), &ro, &r);
	if (ret) {
		ret = fail("no report from %s: %s", tsm_ctx_get_configfs_root(ctx),
			   tsm_strerror(ret));
		goto out;
	}
	if (o->save) {
		ret = save_blobs(o->save, r);
		if (ret)
			goto out;
	}
	blob = tsm_report_get_outblob(r, &len);
	ret = tsm_evidence_parse_provider(tsm_report_get_provider(r), blob, len,
					  &ev);
	if (ret) {
		ret = fail("provider %s: outblob (%zu bytes): %s: %s",
			   tsm_report_get_provider(r), len, tsm_strerror(ret),
			   ev.why);
		goto out;
	}
	if (tsm_evidence_check_nonce(&ev, nonce, sizeof(nonce))) {
		ret = fail("report data does not carry the nonce: the report is not fresh");
		goto out;
	}
	if (o->json) {
		struct fetch_info fi = {
			.provider = tsm_report_get_provider(r),
			.nonce = nonce,
			.nonce_len = sizeof(nonce),
			.attempts = tsm_report_get_attempts(r),
			.generation = tsm_report_get_generation(r),
		};

		ret = print_json(&ev, &fi);
	} else {
		print_text(&ev, tsm_report_get_provider(r));
		ret = 0;
	}
out:
	tsm_report_unref(r);
	tsm_ctx_unref(ctx);
	return ret;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	int ret;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	ret = o.parse ? cmd_parse(&o) : cmd_report(&o);
	if (fflush(stdout) && !ret)
		ret = fail("stdout: %s", strerror(errno));
	return ret;
}
