#ifndef ADR_LIBGIT2_CERTIFICATES_H
#define ADR_LIBGIT2_CERTIFICATES_H

/* libgit2 as Debian builds it decodes every certificate of the system's CA bundle with
   mbedTLS inside git_libgit2_init (about 55 million instructions), although only a fetch
   or a push over HTTPS uses them. The archive is linked with `--wrap` on mbedTLS's two
   loaders (Package.swift), so the set-up only records which bundle it asked for; the
   bundle is decoded by the first call of adr_git_load_certificates, before a remote
   operation. Until then libgit2 holds an empty chain, which verifies no server: a
   connection made without loading fails closed. */

/* Decodes the bundle libgit2's set-up asked for and hands it to libgit2. Returns 0, or a
   negative libgit2 error code. Safe to call from several threads and more than once. */
int adr_git_load_certificates(void);

#endif
