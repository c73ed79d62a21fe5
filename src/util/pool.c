/*
 * pool.c: arena of linked blocks. Small allocations are carved from the current block;
 * a large one (over a quarter of the block size) gets a block of its own, so waste is
 * bounded. `used` counts bytes handed out plus block headers against the budget.
 */
#include "util/pool.h"

#include <stdalign.h>

#define POOL_BLOCK 8192

struct block {
	struct block *next;
	size_t size;
	size_t off;
	alignas(max_align_t) unsigned char mem[];
};

struct pool {
	struct block *head;
	size_t used;
	size_t budget;
};

struct pool *pool_new(size_t budget)
{
	struct pool *p = calloc(1, sizeof(*p));
	if (p)
		p->budget = budget;
	return p;
}

void pool_free(struct pool *p)
{
	if (!p)
		return;
	struct block *b = p->head;
	while (b) {
		struct block *n = b->next;
		free(b);
		b = n;
	}
	free(p);
}

/*
 * Returns a new zeroed block with room for `size` bytes, or NULL. The budget is
 * charged for the block header here; the caller charges the `need` bytes it hands out,
 * and this checks that header + need fit, so `used` never exceeds `budget`. The block
 * itself may be larger than the budget (a small pool still gets one POOL_BLOCK).
 */
static struct block *pool_block(struct pool *p, size_t size, size_t need)
{
	size_t room = p->budget - p->used; /* used <= budget always holds */
	if (sizeof(struct block) > room || need > room - sizeof(struct block))
		return NULL;
	struct block *b = calloc(1, sizeof(*b) + size);
	if (!b)
		return NULL;
	b->size = size;
	p->used += sizeof(*b);
	return b;
}

/*
 * Returns n zeroed bytes aligned to max_align_t, or NULL when the budget (counting
 * block headers) or the system refuses. n == 0 is treated as 1.
 */
void *pool_alloc(struct pool *p, size_t n)
{
	const size_t align = alignof(max_align_t);
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - align)
		return NULL;
	n = (n + align - 1) & ~(align - 1);
	if (n > p->budget || p->used > p->budget - n)
		return NULL;
	struct block *b = p->head;
	if (n > POOL_BLOCK / 4) {
		struct block *big = pool_block(p, n, n);
		if (!big)
			return NULL;
		big->off = n;
		/* keep the current small block at the head */
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			p->head = big;
		}
		p->used += n;
		return big->mem;
	}
	if (!b || b->size - b->off < n) {
		b = pool_block(p, POOL_BLOCK, n);
		if (!b)
			return NULL;
		b->next = p->head;
		p->head = b;
	}
	void *m = b->mem + b->off;
	b->off += n;
	p->used += n;
	return m;
}

void *pool_calloc(struct pool *p, size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return pool_alloc(p, count * size); /* blocks are zeroed by calloc */
}

/* Copies at most n bytes of s, stopping at its terminator (like strndup). */
char *pool_strndup(struct pool *p, const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = pool_alloc(p, len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

char *pool_strdup(struct pool *p, const char *s)
{
	return pool_strndup(p, s, strlen(s));
}

char *pool_printf(struct pool *p, const char *fmt, ...)
{
	va_list ap, cp;
	va_start(ap, fmt);
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	char *d = n < 0 ? NULL : pool_alloc(p, (size_t)n + 1);
	if (d)
		vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

size_t pool_used(const struct pool *p)
{
	return p->used;
}
