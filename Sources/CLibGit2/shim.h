#include <git2.h>
#include <git2/sys/repository.h>

/* Swift cannot call C variadic functions such as git_libgit2_opts, so each option
   we need gets a fixed-arity wrapper here. */
static inline int adr_git_enable_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

static inline int adr_git_enable_caching(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_CACHING, enabled);
}
