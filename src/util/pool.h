/*
 * pool.h: a per-request arena. Allocations are never freed one by one; pool_free()
 * releases everything at once. Every pool has a byte budget: an allocation beyond it
 * returns NULL (and so does one the system cannot satisfy), so a hostile request cannot
 * make the server allocate without bound. Memory is zeroed and aligned to
 * max_align_t.
 */
#ifndef LANTERN_POOL_H
#define LANTERN_POOL_H

#include <stdarg.h>
#include <stddef.h>

struct pool;

struct pool *pool_new(size_t budget);
void pool_free(struct pool *p);
void *pool_alloc(struct pool *p, size_t n);
void *pool_calloc(struct pool *p, size_t count, size_t size);
char *pool_strdup(struct pool *p, const char *s);
char *pool_strndup(struct pool *p, const char *s, size_t n);
char *pool_printf(struct pool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
size_t pool_used(const struct pool *p);

#endif
