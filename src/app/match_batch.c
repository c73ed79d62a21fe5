/*
 * match_batch.c: the children of one bulk import in memory, for matching its later rows
 * (see match_batch.h): a hash table of blocking keys (64-bit hashes) whose children are
 * kept together in one block (a key with one holder keeps it in its slot) and each key's
 * text kept once, each child prepared once and kept packed (what link_compare reads of a
 * struct link_person, without its unused room), and the writing of all their keys at the
 * end in (key, child) order.
 */
#include "app/match_batch.h"

#include "app/children.h"
#include "app/matching.h"
#include "store/children.h"

#define ONE 0x80000000u /* khead: the key's only holder, not a posting */
#define BLOCK_MIN 4     /* holders a key's first block has room for */

struct match_batch {
	bool store_empty;
	/* children: ids (ID_MAX bytes each) and where their packed form starts in pk */
	size_t n, cap;
	char *ids;
	uint32_t *at;
	unsigned char *pk;
	size_t pk_len, pk_cap;
	/* keys: open addressing over 64-bit hashes (0 empty), with their holders and
	 * where their text starts in ktext (a key is its hash and its text: two keys with
	 * one hash stay apart) */
	uint64_t *kh;
	uint32_t *khead;
	uint32_t *kcount;
	uint32_t *koff;
	size_t kcap, kn;
	char *ktext;
	size_t ktext_len, ktext_cap;
	/* postings: the holders of a key of two or more, oldest first, in one block of
	 * post with room for the next power of two (at least BLOCK_MIN); a full block is
	 * copied to one twice its size (the old one is not used again), so that a key's
	 * holders are read together */
	uint32_t *post;
	size_t pn, pcap;
	/* the probe last prepared */
	const struct child_input *probe_ci;
	struct link_person probe;
	/* the model every row is scored with: a copy taken on the first row (no pointers
	 * inside, about 440 KB), so that it outlives the process's model cache */
	struct link_model *model;
};

static uint64_t key_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

struct match_batch *match_batch_new(bool store_empty)
{
	struct match_batch *b = calloc(1, sizeof *b);
	if (!b)
		return NULL;
	b->store_empty = store_empty;
	b->kcap = 1 << 16;
	b->kh = calloc(b->kcap, sizeof *b->kh);
	b->khead = calloc(b->kcap, sizeof *b->khead);
	b->kcount = calloc(b->kcap, sizeof *b->kcount);
	b->koff = calloc(b->kcap, sizeof *b->koff);
	if (!b->kh || !b->khead || !b->kcount || !b->koff) {
		match_batch_free(b);
		return NULL;
	}
	return b;
}

void match_batch_free(struct match_batch *b)
{
	if (!b)
		return;
	free(b->model);
	free(b->ids);
	free(b->at);
	free(b->pk);
	free(b->kh);
	free(b->khead);
	free(b->kcount);
	free(b->koff);
	free(b->ktext);
	free(b->post);
	free(b);
}

bool match_batch_store_empty(const struct match_batch *b)
{
	return b->store_empty;
}

/* The slot of key (its hash h): its own, or the empty one where it would go. */
static size_t slot_of(const struct match_batch *b, const char *key, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & (b->kcap - 1);
	while (b->kh[i] && (b->kh[i] != h || strcmp(b->ktext + b->koff[i], key) != 0))
		i = (i + 1) & (b->kcap - 1);
	return i;
}

/* An empty slot for hash h (the keys being rehashed are all different). */
static size_t free_slot(const struct match_batch *b, uint64_t h)
{
	size_t i = (size_t)(h ^ (h >> 29)) & (b->kcap - 1);
	while (b->kh[i])
		i = (i + 1) & (b->kcap - 1);
	return i;
}

static int grow_keys(struct match_batch *b)
{
	size_t nc = b->kcap * 2;
	uint64_t *kh = calloc(nc, sizeof *kh);
	uint32_t *head = calloc(nc, sizeof *head);
	uint32_t *count = calloc(nc, sizeof *count);
	uint32_t *off = calloc(nc, sizeof *off);
	if (!kh || !head || !count || !off) {
		free(kh);
		free(head);
		free(count);
		free(off);
		return -1;
	}
	struct match_batch old = *b;
	b->kh = kh;
	b->khead = head;
	b->kcount = count;
	b->koff = off;
	b->kcap = nc;
	for (size_t i = 0; i < old.kcap; i++) {
		if (!old.kh[i])
			continue;
		size_t j = free_slot(b, old.kh[i]);
		b->kh[j] = old.kh[i];
		b->khead[j] = old.khead[i];
		b->kcount[j] = old.kcount[i];
		b->koff[j] = old.koff[i];
	}
	free(old.kh);
	free(old.khead);
	free(old.kcount);
	free(old.koff);
	return 0;
}

/* A block of room postings, its first `had` copied from old (when had > 0); its
 * start into *out. 0, or -1 when out of memory. */
static int new_block(struct match_batch *b, size_t room, uint32_t old, size_t had, uint32_t *out)
{
	if (b->pn + room > b->pcap) {
		size_t nc = b->pcap ? b->pcap * 2 : 1 << 16;
		while (nc < b->pn + room)
			nc *= 2;
		uint32_t *x = nc < ONE ? realloc(b->post, nc * sizeof *x) : NULL;
		if (!x)
			return -1;
		b->post = x;
		b->pcap = nc;
	}
	if (had)
		memcpy(b->post + b->pn, b->post + old, had * sizeof *b->post);
	*out = (uint32_t)b->pn;
	b->pn += room;
	return 0;
}

/* Keeps the text of a new key; its offset into *off. 0, or -1 when out of memory. */
static int put_key_text(struct match_batch *b, const char *key, uint32_t *off)
{
	size_t n = strlen(key) + 1;
	if (b->ktext_len + n > b->ktext_cap) {
		size_t nc = b->ktext_cap ? b->ktext_cap * 2 : 1 << 20;
		char *t = nc <= (size_t)UINT32_MAX + 1 ? realloc(b->ktext, nc) : NULL;
		if (!t)
			return -1;
		b->ktext = t;
		b->ktext_cap = nc;
	}
	memcpy(b->ktext + b->ktext_len, key, n);
	*off = (uint32_t)b->ktext_len;
	b->ktext_len += n;
	return 0;
}

static int index_key(struct match_batch *b, const char *key, uint32_t child)
{
	if (4 * (b->kn + 1) > 3 * b->kcap && grow_keys(b) != 0)
		return -1;
	uint64_t h = key_hash(key);
	size_t i = slot_of(b, key, h);
	if (!b->kh[i]) {
		if (put_key_text(b, key, &b->koff[i]) != 0)
			return -1;
		b->kh[i] = h;
		b->khead[i] = ONE | child;
		b->kcount[i] = 1;
		b->kn++;
		return 0;
	}
	size_t had = b->kcount[i];
	uint32_t head = b->khead[i];
	if (head & ONE) {
		uint32_t x;
		if (new_block(b, BLOCK_MIN, 0, 0, &x) != 0)
			return -1;
		b->post[x] = head & ~ONE;
		b->khead[i] = head = x;
	} else if (had >= BLOCK_MIN && (had & (had - 1)) == 0) { /* full */
		uint32_t x;
		if (new_block(b, 2 * had, head, had, &x) != 0)
			return -1;
		b->khead[i] = head = x;
	}
	b->post[head + had] = child;
	b->kcount[i] = (uint32_t)(had + 1);
	return 0;
}

/* ---- the children, prepared and packed ---- */

/* A packed child: this head, its name tokens as they are, its addresses' postcode,
 * outward code and line, then school, authority, NHS number, phone and reference, each
 * text with its NUL. Unpacked, it compares as the prepared child it was made from. */
struct pack_head {
	struct link_dob dob;
	unsigned rejected;
	uint8_t n_tok, n_sets, n_addr;
	char gender;
};

#define PACK_MAX (sizeof(struct link_person) + sizeof(struct pack_head))

static unsigned char *put_str(unsigned char *w, const char *s)
{
	size_t n = strlen(s) + 1;
	memcpy(w, s, n);
	return w + n;
}

static const unsigned char *get_str(const unsigned char *r, char *out, size_t cap)
{
	snprintf(out, cap, "%s", (const char *)r);
	return r + strlen((const char *)r) + 1;
}

/* Packs p at the end of pk; its offset into *at. 0, or -1 when out of memory. */
static int pack(struct match_batch *b, const struct link_person *p, uint32_t *at)
{
	if (b->pk_len > UINT32_MAX - PACK_MAX)
		return -1;
	if (b->pk_len + PACK_MAX > b->pk_cap) {
		size_t nc = b->pk_cap ? b->pk_cap * 2 : 1 << 20;
		unsigned char *t = realloc(b->pk, nc);
		if (!t)
			return -1;
		b->pk = t;
		b->pk_cap = nc;
	}
	unsigned char *w = b->pk + b->pk_len;
	struct pack_head h = {p->dob, p->rejected, p->n_tok, p->n_sets, p->n_addr, p->gender};
	memcpy(w, &h, sizeof h);
	w += sizeof h;
	memcpy(w, p->tok, p->n_tok * sizeof p->tok[0]);
	w += p->n_tok * sizeof p->tok[0];
	for (size_t a = 0; a < p->n_addr; a++) {
		w = put_str(w, p->addr[a].postcode);
		w = put_str(w, p->addr[a].outward);
		w = put_str(w, p->addr[a].line);
	}
	w = put_str(w, p->school);
	w = put_str(w, p->authority);
	w = put_str(w, p->nhs);
	w = put_str(w, p->phone);
	w = put_str(w, p->ref);
	*at = (uint32_t)b->pk_len;
	b->pk_len = (size_t)(w - b->pk);
	return 0;
}

static void unpack(const unsigned char *r, struct link_person *p)
{
	memset(p, 0, sizeof *p);
	struct pack_head h;
	memcpy(&h, r, sizeof h);
	r += sizeof h;
	p->dob = h.dob;
	p->rejected = h.rejected;
	p->n_tok = h.n_tok;
	p->n_sets = h.n_sets;
	p->n_addr = h.n_addr;
	p->gender = h.gender;
	memcpy(p->tok, r, p->n_tok * sizeof p->tok[0]);
	r += p->n_tok * sizeof p->tok[0];
	for (size_t a = 0; a < p->n_addr; a++) {
		r = get_str(r, p->addr[a].postcode, sizeof p->addr[a].postcode);
		r = get_str(r, p->addr[a].outward, sizeof p->addr[a].outward);
		r = get_str(r, p->addr[a].line, sizeof p->addr[a].line);
	}
	r = get_str(r, p->school, sizeof p->school);
	r = get_str(r, p->authority, sizeof p->authority);
	r = get_str(r, p->nhs, sizeof p->nhs);
	r = get_str(r, p->phone, sizeof p->phone);
	get_str(r, p->ref, sizeof p->ref);
}

void match_batch_note_probe(struct match_batch *b, const struct child_input *ci,
                            const struct link_person *p)
{
	b->probe_ci = ci;
	b->probe = *p;
}

int match_batch_add(struct match_batch *b, const char *id, const struct child_input *ci)
{
	if (b->n >= ONE - 1)
		return -1;
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 4096;
		char *ids = realloc(b->ids, nc * ID_MAX);
		if (!ids)
			return -1;
		b->ids = ids;
		uint32_t *at = realloc(b->at, nc * sizeof *at);
		if (!at)
			return -1;
		b->at = at;
		b->cap = nc;
	}
	/* prepared once: the probe the matcher has just prepared, else here */
	struct link_person mine;
	const struct link_person *p = &b->probe;
	if (b->probe_ci != ci) {
		match_prepare_input(ci, &mine);
		p = &mine;
	}
	b->probe_ci = NULL;
	size_t i = b->n;
	if (pack(b, p, &b->at[i]) != 0)
		return -1;
	snprintf(b->ids + i * ID_MAX, ID_MAX, "%s", id);
	b->n++;
	char keys[LINK_MAX_KEYS][LINK_KEY_LEN];
	int nk = link_blocking_keys(p, keys, LINK_MAX_KEYS);
	for (int k = 0; k < nk; k++)
		if (index_key(b, keys[k], (uint32_t)i) != 0)
			return -1;
	return 0;
}

size_t match_batch_holders(const struct match_batch *b, const char *key, const char **ids,
                           size_t max)
{
	size_t i = slot_of(b, key, key_hash(key));
	if (!b->kh[i])
		return 0;
	uint32_t head = b->khead[i];
	if (head & ONE) {
		if (max > 0)
			ids[0] = b->ids + (size_t)(head & ~ONE) * ID_MAX;
		return 1;
	}
	size_t count = b->kcount[i];
	if (count > max)
		return max + 1; /* more than asked for: none is needed */
	const uint32_t *post = b->post + head;
	for (size_t k = 0; k < count; k++)
		ids[k] = b->ids + (size_t)post[k] * ID_MAX;
	return count;
}

uint32_t match_batch_order(const struct match_batch *b, const char *id)
{
	if (!b->n || id < b->ids || id >= b->ids + b->n * ID_MAX)
		return 0;
	return (uint32_t)((size_t)(id - b->ids) / ID_MAX + 1);
}

bool match_batch_person(struct match_batch *b, const char *id, struct link_person *p)
{
	if (!b->n || id < b->ids || id >= b->ids + b->n * ID_MAX)
		return false;
	size_t i = (size_t)(id - b->ids) / ID_MAX;
	unpack(b->pk + b->at[i], p);
	return true;
}

/* ---- writing the keys ---- */

static int by_key_text(const void *x, const void *y, void *ctx)
{
	const struct match_batch *b = ctx;
	return strcmp(b->ktext + b->koff[*(const uint32_t *)x],
	              b->ktext + b->koff[*(const uint32_t *)y]);
}

static int by_id(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

int match_batch_write_keys(struct db *db, struct match_batch *b)
{
	/* every (key, child) row in the order of the table's key: each key in text order,
	 * its holders in id order, so that the index is written from one end to the other
	 * (appended to, when the store held no child) instead of at random */
	uint32_t *order = malloc((b->kn ? b->kn : 1) * sizeof *order);
	size_t hcap = 1024;
	const char **holders = malloc(hcap * sizeof *holders);
	if (!order || !holders) {
		free(order);
		free(holders);
		return DB_E_NOMEM;
	}
	size_t no = 0;
	for (size_t i = 0; i < b->kcap; i++)
		if (b->kh[i])
			order[no++] = (uint32_t)i;
	qsort_r(order, no, sizeof *order, by_key_text, b);
	const char *rk[STORE_KEYS_ROWS], *rid[STORE_KEYS_ROWS];
	size_t nr = 0;
	int rc = DB_OK;
	for (size_t o = 0; o < no && rc == DB_OK; o++) {
		size_t i = order[o], count = b->kcount[i], n = 0;
		if (count > hcap) {
			while (hcap < count)
				hcap *= 2;
			const char **t = realloc(holders, hcap * sizeof *holders);
			if (!t) {
				rc = DB_E_NOMEM;
				break;
			}
			holders = t;
		}
		uint32_t head = b->khead[i];
		if (head & ONE) {
			holders[n++] = b->ids + (size_t)(head & ~ONE) * ID_MAX;
		} else {
			for (; n < count; n++)
				holders[n] = b->ids + (size_t)b->post[head + n] * ID_MAX;
		}
		if (n > 1)
			qsort(holders, n, sizeof *holders, by_id);
		for (size_t k = 0; k < n && rc == DB_OK; k++) {
			rk[nr] = b->ktext + b->koff[i];
			rid[nr++] = holders[k];
			if (nr == STORE_KEYS_ROWS) {
				rc = store_child_add_keys(db, nr, rk, rid);
				nr = 0;
			}
		}
	}
	if (rc == DB_OK)
		rc = store_child_add_keys(db, nr, rk, rid);
	free(order);
	free(holders);
	return rc;
}

const struct link_model *match_batch_model(const struct match_batch *b)
{
	return b->model;
}

int match_batch_set_model(struct match_batch *b, const struct link_model *m)
{
	if (!b->model && !(b->model = malloc(sizeof *b->model)))
		return -1;
	*b->model = *m;
	return 0;
}
