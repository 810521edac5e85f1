#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <string.h>
#include <proj.h>
#include <geodesic.h>

/* libproj is opened at run time (dlopen), not linked: its dependency chain (curl, GnuTLS, Kerberos,
   LDAP, libtiff…: 45 libraries) takes ~11 ms to map and relocate, more than reading an article, so
   Frontline opens it on another core while the text is read. The table below holds the functions
   Frontline calls; each field has the type of PROJ's own declaration (__typeof__), so a change of
   signature in proj.h or geodesic.h is a compile error here, as it would be for a linked call; none is
   ever null once frontline_proj_open has returned 0. */
struct frontline_proj_api {
    __typeof__(&proj_context_create) _Nonnull context_create;
    __typeof__(&proj_context_destroy) _Nonnull context_destroy;
    __typeof__(&proj_context_set_search_paths) _Nonnull context_set_search_paths;
    __typeof__(&proj_log_level) _Nonnull log_level;
    __typeof__(&proj_log_func) _Nonnull log_func;
    __typeof__(&proj_context_errno) _Nonnull context_errno;
    __typeof__(&proj_context_errno_string) _Nonnull context_errno_string;
    __typeof__(&proj_create) _Nonnull create;
    __typeof__(&proj_destroy) _Nonnull destroy;
    __typeof__(&proj_trans) _Nonnull trans;
    __typeof__(&proj_trans_generic) _Nonnull trans_generic;
    __typeof__(&proj_info) _Nonnull info;
    __typeof__(&geod_init) _Nonnull geod_init;
    __typeof__(&geod_inverse) _Nonnull geod_inverse;
    __typeof__(&geod_direct) _Nonnull geod_direct;
};

/* Opens `library` and fills `api`; returns 0, or -1 with dlerror()'s message in `error` (or NULL). */
static inline int frontline_proj_open(const char *library, struct frontline_proj_api *api, const char **error) {
    void *h = dlopen(library, RTLD_LAZY | RTLD_LOCAL);
    *error = NULL;
    if (!h) { *error = dlerror(); return -1; }
#define FRONTLINE_PROJ_SYMBOL(field, name) \
    if (!(api->field = (__typeof__(api->field))dlsym(h, name))) { *error = dlerror(); return -1; }
    FRONTLINE_PROJ_SYMBOL(context_create, "proj_context_create")
    FRONTLINE_PROJ_SYMBOL(context_destroy, "proj_context_destroy")
    FRONTLINE_PROJ_SYMBOL(context_set_search_paths, "proj_context_set_search_paths")
    FRONTLINE_PROJ_SYMBOL(log_level, "proj_log_level")
    FRONTLINE_PROJ_SYMBOL(log_func, "proj_log_func")
    FRONTLINE_PROJ_SYMBOL(context_errno, "proj_context_errno")
    FRONTLINE_PROJ_SYMBOL(context_errno_string, "proj_context_errno_string")
    FRONTLINE_PROJ_SYMBOL(create, "proj_create")
    FRONTLINE_PROJ_SYMBOL(destroy, "proj_destroy")
    FRONTLINE_PROJ_SYMBOL(trans, "proj_trans")
    FRONTLINE_PROJ_SYMBOL(trans_generic, "proj_trans_generic")
    FRONTLINE_PROJ_SYMBOL(info, "proj_info")
    FRONTLINE_PROJ_SYMBOL(geod_init, "geod_init")
    FRONTLINE_PROJ_SYMBOL(geod_inverse, "geod_inverse")
    FRONTLINE_PROJ_SYMBOL(geod_direct, "geod_direct")
#undef FRONTLINE_PROJ_SYMBOL
    return 0;
}
