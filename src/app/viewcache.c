/* viewcache.c: serialised record views kept between changes (see viewcache.h). */
#include "app/viewcache.h"

#include <pthread.h>

#define VC_BUCKETS 8192
#define VC_ID_MAX 40
#define VC_SCOPE_MAX 512

struct vc_entry {
	struct vc_entry *next_in_bucket;
	struct vc_entry *older, *newer; /* age list: oldest leaves first */
	char scope[VC_SCOPE_MAX];
	char id[VC_ID_MAX];
	int64_t version, epoch;
	int32_t day;
	struct view_text *text;
};

static pthread_mutex_t vc_mu = PTHREAD_MUTEX_INITIALIZER;
static struct vc_entry *vc_buckets[VC_BUCKETS];
static struct vc_entry *vc_oldest, *vc_newest;
static size_t vc_budget = (size_t)64 << 20;
static struct viewcache_stats vc_stats;

struct view_text *view_text_new(const char *s, size_t len)
{
	struct view_text *t = malloc(sizeof(*t) + len + 1);
	if (!t)
		return NULL;
	t->len = len;
	t->refs = 1;
	memcpy(t->text, s, len);
	t->text[len] = '\0';
	return t;
}

void view_text_retain(struct view_text *t)
{
	if (t)
		__atomic_add_fetch(&t->refs, 1, __ATOMIC_RELAXED);
}

void view_text_release(struct view_text *t)
{
	if (t && __atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL) == 0)
		free(t);
}

/* FNV-1a over scope and id. */
static size_t vc_hash(const char *scope, const char *id)
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = scope; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (const char *p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return (size_t)(h % VC_BUCKETS);
}

static bool vc_usable(const struct view_key *k)
{
	return k && k->scope && k->scope[0] && strlen(k->scope) < VC_SCOPE_MAX && k->id &&
	       strlen(k->id) < VC_ID_MAX;
}

/* Unlinks e from its bucket and the age list and frees it (lock held). */
static void vc_remove(struct vc_entry *e)
{
	size_t b = vc_hash(e->scope, e->id);
	for (struct vc_entry **p = &vc_buckets[b]; *p; p = &(*p)->next_in_bucket) {
		if (*p == e) {
			*p = e->next_in_bucket;
			break;
		}
	}
	if (e->older)
		e->older->newer = e->newer;
	else
		vc_oldest = e->newer;
	if (e->newer)
		e->newer->older = e->older;
	else
		vc_newest = e->older;
	vc_stats.entries--;
	vc_stats.bytes -= e->text->len;
	view_text_release(e->text);
	free(e);
}

static struct vc_entry *vc_find(const char *scope, const char *id)
{
	for (struct vc_entry *e = vc_buckets[vc_hash(scope, id)]; e; e = e->next_in_bucket)
		if (strcmp(e->id, id) == 0 && strcmp(e->scope, scope) == 0)
			return e;
	return NULL;
}

struct view_text *viewcache_get(const struct view_key *k)
{
	if (!vc_usable(k))
		return NULL;
	struct view_text *t = NULL;
	pthread_mutex_lock(&vc_mu);
	struct vc_entry *e = vc_find(k->scope, k->id);
	if (e && e->version == k->version && e->epoch == k->epoch && e->day == k->day) {
		t = e->text;
		view_text_retain(t);
		vc_stats.hits++;
	} else {
		if (e) /* the record changed since: its old view is of no further use */
			vc_remove(e);
		vc_stats.misses++;
	}
	pthread_mutex_unlock(&vc_mu);
	return t;
}

void viewcache_put(const struct view_key *k, struct view_text *t)
{
	if (!vc_usable(k) || !t)
		return;
	pthread_mutex_lock(&vc_mu);
	if (t->len > vc_budget) {
		pthread_mutex_unlock(&vc_mu);
		return;
	}
	struct vc_entry *old = vc_find(k->scope, k->id);
	if (old)
		vc_remove(old);
	while (vc_oldest && vc_stats.bytes + t->len > vc_budget)
		vc_remove(vc_oldest);
	struct vc_entry *e = calloc(1, sizeof(*e));
	if (e) {
		snprintf(e->scope, sizeof e->scope, "%s", k->scope);
		snprintf(e->id, sizeof e->id, "%s", k->id);
		e->version = k->version;
		e->epoch = k->epoch;
		e->day = k->day;
		e->text = t;
		view_text_retain(t);
		size_t b = vc_hash(e->scope, e->id);
		e->next_in_bucket = vc_buckets[b];
		vc_buckets[b] = e;
		e->older = vc_newest;
		if (vc_newest)
			vc_newest->newer = e;
		else
			vc_oldest = e;
		vc_newest = e;
		vc_stats.entries++;
		vc_stats.bytes += t->len;
	}
	pthread_mutex_unlock(&vc_mu);
}

void viewcache_set_budget(size_t bytes)
{
	pthread_mutex_lock(&vc_mu);
	vc_budget = bytes;
	while (vc_oldest && vc_stats.bytes > vc_budget)
		vc_remove(vc_oldest);
	pthread_mutex_unlock(&vc_mu);
}

size_t viewcache_budget(void)
{
	pthread_mutex_lock(&vc_mu);
	size_t b = vc_budget;
	pthread_mutex_unlock(&vc_mu);
	return b;
}

void viewcache_clear(void)
{
	pthread_mutex_lock(&vc_mu);
	while (vc_oldest)
		vc_remove(vc_oldest);
	vc_stats.hits = vc_stats.misses = 0;
	pthread_mutex_unlock(&vc_mu);
}

void viewcache_stats(struct viewcache_stats *out)
{
	pthread_mutex_lock(&vc_mu);
	*out = vc_stats;
	pthread_mutex_unlock(&vc_mu);
}
