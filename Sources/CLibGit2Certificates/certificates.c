#include "certificates.h"

#include <git2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The symbols mbedTLS defines; `--wrap=NAME` sends libgit2's calls of NAME to __wrap_NAME
   and makes __real_NAME the original. mbedtls_x509_crt is opaque here. Weak, so that a
   libgit2 built with another TLS library (which never calls these) still links. */
__attribute__((weak)) int __real_mbedtls_x509_crt_parse_file(void *chain, const char *file);
__attribute__((weak)) int __real_mbedtls_x509_crt_parse_path(void *chain, const char *path);

/* MBEDTLS_ERR_X509_FILE_IO_ERROR, for a loader that is not there. */
static const int file_io_error = -0x2900;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int loading_allowed = 0;
static int deferred = 0;
static char *deferred_file = NULL;
static char *deferred_path = NULL;

static int defer(char **slot, const char *location) {
    pthread_mutex_lock(&lock);
    int allowed = loading_allowed;
    if (!allowed) {
        free(*slot);
        *slot = location ? strdup(location) : NULL;
        deferred = 1;
    }
    pthread_mutex_unlock(&lock);
    return !allowed;
}

int __wrap_mbedtls_x509_crt_parse_file(void *chain, const char *file) {
    if (defer(&deferred_file, file)) return 0;
    if (!__real_mbedtls_x509_crt_parse_file) return file_io_error;
    return __real_mbedtls_x509_crt_parse_file(chain, file);
}

int __wrap_mbedtls_x509_crt_parse_path(void *chain, const char *path) {
    if (defer(&deferred_path, path)) return 0;
    if (!__real_mbedtls_x509_crt_parse_path) return file_io_error;
    return __real_mbedtls_x509_crt_parse_path(chain, path);
}

int adr_git_load_certificates(void) {
    pthread_mutex_lock(&lock);
    if (loading_allowed) {
        pthread_mutex_unlock(&lock);
        return 0;
    }
    loading_allowed = 1;
    char *file = deferred_file, *path = deferred_path;
    deferred_file = deferred_path = NULL;
    int had_request = deferred;
    pthread_mutex_unlock(&lock);

    int result = 0;
    if (had_request && (file || path))
        result = git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, path);
    free(file);
    free(path);
    return result;
}
