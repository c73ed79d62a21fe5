/*
 * render.c: the template engine (see render.h). A template compiles to a flat array
 * of nodes; a section node records the index of its closing node, so rendering is a
 * loop over a range that recurses only into sections and partials.
 */
#include "web/render.h"

enum node_kind { N_TEXT, N_VAR, N_SECTION, N_INVERTED, N_CLOSE, N_PARTIAL };

struct node {
	enum node_kind kind;
	size_t end;       /* sections: index of the matching N_CLOSE */
	const char *text; /* N_TEXT: into the source; else a malloc'd NUL-terminated name */
	size_t len;
	int line;
};

struct tmpl {
	char *name;
	struct node *nodes;
	size_t n;
	const char *src; /* borrowed from the embedded table / caller */
};

struct render_set {
	struct tmpl *t;
	size_t n;
};

static void tmpl_release(struct tmpl *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].kind != N_TEXT)
			free((char *)t->nodes[i].text);
	free(t->nodes);
	free(t->name);
	memset(t, 0, sizeof(*t));
}

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* "." or segments of name_char joined by single dots. */
static bool name_ok(const char *s, size_t n)
{
	if (n == 1 && s[0] == '.')
		return true;
	if (n == 0 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return false;
		} else if (!name_char(s[i])) {
			return false;
		}
	}
	return true;
}

static int add_node(struct tmpl *t, size_t *cap, struct node nd)
{
	if (t->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 32;
		struct node *nn = realloc(t->nodes, nc * sizeof(*nn));
		if (!nn)
			return -1;
		t->nodes = nn;
		*cap = nc;
	}
	t->nodes[t->n++] = nd;
	return 0;
}

#define FAIL(...)                                                                                  \
	do {                                                                                       \
		snprintf(err, errlen, __VA_ARGS__);                                                \
		goto fail;                                                                         \
	} while (0)

/* Compiles text into t. On error fills err ("name:line: message") and releases t. */
static int tmpl_compile(struct tmpl *t, const char *name, const char *text, size_t len, char *err,
                        size_t errlen)
{
	memset(t, 0, sizeof(*t));
	size_t cap = 0;
	size_t stack[RENDER_MAX_DEPTH];
	size_t depth = 0;
	int line = 1;
	t->name = strdup(name);
	t->src = text;
	if (!t->name)
		FAIL("%s: out of memory", name);
	if (len > RENDER_MAX_TEMPLATE)
		FAIL("%s: template too large", name);
	size_t i = 0;
	while (i < len) {
		const char *open = NULL;
		for (size_t j = i; j + 1 < len; j++)
			if (text[j] == '{' && text[j + 1] == '{') {
				open = text + j;
				break;
			}
		size_t tl = open ? (size_t)(open - (text + i)) : len - i;
		if (tl) {
			struct node nd = {N_TEXT, 0, text + i, tl, line};
			if (add_node(t, &cap, nd) < 0)
				FAIL("%s: out of memory", name);
			for (size_t k = 0; k < tl; k++)
				if (text[i + k] == '\n')
					line++;
		}
		if (!open)
			break;
		i += tl + 2;
		/* Find the closing braces. */
		size_t close = i;
		while (close + 1 < len && !(text[close] == '}' && text[close + 1] == '}')) {
			if (text[close] == '\n' && text[i] != '!')
				FAIL("%s:%d: tag not closed on its line", name, line);
			close++;
		}
		if (close + 1 >= len)
			FAIL("%s:%d: tag not closed", name, line);
		const char *tag = text + i;
		size_t tagl = close - i;
		int tag_line = line;
		for (size_t k = 0; k < tagl; k++)
			if (tag[k] == '\n')
				line++;
		i = close + 2;
		char sigil = tagl ? tag[0] : '\0';
		if (sigil == '!')
			continue;
		if (sigil == '{' || sigil == '&')
			FAIL("%s:%d: unescaped output is not supported", name, tag_line);
		if (sigil == '=')
			FAIL("%s:%d: delimiter changes are not supported", name, tag_line);
		enum node_kind kind = N_VAR;
		if (sigil == '#')
			kind = N_SECTION;
		else if (sigil == '^')
			kind = N_INVERTED;
		else if (sigil == '/')
			kind = N_CLOSE;
		else if (sigil == '>')
			kind = N_PARTIAL;
		const char *nm = tag + (kind == N_VAR ? 0 : 1);
		size_t nl = tagl - (kind == N_VAR ? 0 : 1);
		while (nl && (*nm == ' ' || *nm == '\t'))
			nm++, nl--;
		while (nl && (nm[nl - 1] == ' ' || nm[nl - 1] == '\t'))
			nl--;
		if (!name_ok(nm, nl) || (kind == N_PARTIAL && memchr(nm, '.', nl)))
			FAIL("%s:%d: bad tag name", name, tag_line);
		if (kind == N_CLOSE) {
			if (depth == 0)
				FAIL("%s:%d: closing tag without a section", name, tag_line);
			struct node *open_nd = &t->nodes[stack[depth - 1]];
			if (open_nd->len != nl || memcmp(open_nd->text, nm, nl) != 0)
				FAIL("%s:%d: closing tag does not match the section opened on line "
				     "%d",
				     name, tag_line, open_nd->line);
			open_nd->end = t->n;
			depth--;
		}
		char *copy = strndup(nm, nl);
		if (!copy)
			FAIL("%s: out of memory", name);
		struct node nd = {kind, 0, copy, nl, tag_line};
		if (add_node(t, &cap, nd) < 0) {
			free(copy);
			FAIL("%s: out of memory", name);
		}
		if (kind == N_SECTION || kind == N_INVERTED) {
			if (depth == RENDER_MAX_DEPTH)
				FAIL("%s:%d: sections nested too deeply", name, tag_line);
			stack[depth++] = t->n - 1;
		}
	}
	if (depth)
		FAIL("%s:%d: section not closed", name, t->nodes[stack[depth - 1]].line);
	return 0;
fail:
	tmpl_release(t);
	return -1;
}

int render_check(const char *name, const char *text, size_t len, char *err, size_t errlen)
{
	struct tmpl t;
	if (tmpl_compile(&t, name, text, len, err, errlen) < 0)
		return -1;
	tmpl_release(&t);
	return 0;
}

static const struct tmpl *find(const struct render_set *set, const char *name)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(set->t[i].name, name) == 0)
			return &set->t[i];
	return NULL;
}

static const struct tmpl *find_partial(const struct render_set *set, const char *partial)
{
	char file[160];
	if ((size_t)snprintf(file, sizeof file, "%s.html", partial) >= sizeof file)
		return NULL;
	return find(set, file);
}

bool render_has(const struct render_set *set, const char *name)
{
	return find(set, name) != NULL;
}

/* Depth-first walk over partial references: 0, or -1 on a cycle or an unknown
 * partial. state: 0 unvisited, 1 on the current path, 2 done. */
static int check_partials(const struct render_set *set, size_t idx, unsigned char *state, char *err,
                          size_t errlen)
{
	const struct tmpl *t = &set->t[idx];
	state[idx] = 1;
	for (size_t i = 0; i < t->n; i++) {
		const struct node *nd = &t->nodes[i];
		if (nd->kind != N_PARTIAL || strcmp(nd->text, "content") == 0)
			continue;
		const struct tmpl *p = find_partial(set, nd->text);
		if (!p) {
			snprintf(err, errlen, "%s:%d: unknown partial", t->name, nd->line);
			return -1;
		}
		size_t j = (size_t)(p - set->t);
		if (state[j] == 1) {
			snprintf(err, errlen, "%s:%d: partials include each other in a cycle",
			         t->name, nd->line);
			return -1;
		}
		if (state[j] == 0 && check_partials(set, j, state, err, errlen) < 0)
			return -1;
	}
	state[idx] = 2;
	return 0;
}

struct render_set *render_set_new(const struct embedded_file *files, char *err, size_t errlen)
{
	size_t n = 0;
	while (files[n].name)
		n++;
	struct render_set *set = calloc(1, sizeof(*set));
	unsigned char *state = calloc(n + 1, 1);
	if (!set || !state) {
		snprintf(err, errlen, "out of memory");
		free(set);
		free(state);
		return NULL;
	}
	set->t = calloc(n + 1, sizeof(*set->t));
	if (!set->t) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		if (tmpl_compile(&set->t[i], files[i].name, files[i].data, files[i].len, err,
		                 errlen) < 0)
			goto fail;
		set->n++;
	}
	for (size_t i = 0; i < n; i++)
		if (state[i] == 0 && check_partials(set, i, state, err, errlen) < 0)
			goto fail;
	free(state);
	return set;
fail:
	free(state);
	render_set_free(set);
	return NULL;
}

void render_set_free(struct render_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		tmpl_release(&set->t[i]);
	free(set->t);
	free(set);
}

/* Rendering. */

struct rctx {
	const struct render_set *set;
	const struct tmpl *content;
	json_t *stack[RENDER_MAX_DEPTH + 1];
	size_t depth; /* entries in stack */
	int nest;     /* sections + partials entered */
	struct buf *out;
};

/* Resolves a (possibly dotted) name against the context stack; NULL if missing. */
static json_t *lookup(struct rctx *c, const char *name)
{
	if (c->depth == 0)
		return NULL;
	if (strcmp(name, ".") == 0)
		return c->stack[c->depth - 1];
	size_t first = strcspn(name, ".");
	char key[128];
	if (first >= sizeof key)
		return NULL;
	memcpy(key, name, first);
	key[first] = '\0';
	json_t *v = NULL;
	for (size_t i = c->depth; i-- > 0;) {
		if (json_is_object(c->stack[i]) && (v = json_object_get(c->stack[i], key)))
			break;
	}
	const char *rest = name + first;
	while (v && *rest == '.') {
		rest++;
		size_t sl = strcspn(rest, ".");
		if (sl >= sizeof key || !json_is_object(v))
			return NULL;
		memcpy(key, rest, sl);
		key[sl] = '\0';
		v = json_object_get(v, key);
		rest += sl;
	}
	return v;
}

static bool truthy(json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return true;
}

static void put_value(struct buf *out, json_t *v)
{
	if (json_is_string(v))
		buf_put_html(out, json_string_value(v));
	else if (json_is_integer(v))
		buf_printf(out, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		buf_printf(out, "%g", json_real_value(v));
	else if (json_is_true(v))
		buf_puts(out, "true");
	else if (json_is_false(v))
		buf_puts(out, "false");
}

static int render_range(struct rctx *c, const struct tmpl *t, size_t from, size_t to);

static int render_with(struct rctx *c, const struct tmpl *t, size_t from, size_t to, json_t *ctx)
{
	if (c->depth > RENDER_MAX_DEPTH)
		return -1;
	c->stack[c->depth++] = ctx;
	int rc = render_range(c, t, from, to);
	c->depth--;
	return rc;
}

static int render_range(struct rctx *c, const struct tmpl *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		const struct node *nd = &t->nodes[i];
		switch (nd->kind) {
		case N_TEXT:
			buf_append(c->out, nd->text, nd->len);
			break;
		case N_VAR: {
			json_t *v = lookup(c, nd->text);
			if (v)
				put_value(c->out, v);
			break;
		}
		case N_SECTION:
		case N_INVERTED: {
			json_t *v = lookup(c, nd->text);
			bool yes = truthy(v);
			if (++c->nest > RENDER_MAX_DEPTH)
				return -1;
			int rc = 0;
			if (nd->kind == N_INVERTED) {
				if (!yes)
					rc = render_range(c, t, i + 1, nd->end);
			} else if (yes && json_is_array(v)) {
				size_t k;
				json_t *item;
				json_array_foreach(v, k, item)
				{
					if ((rc = render_with(c, t, i + 1, nd->end, item)) < 0)
						break;
				}
			} else if (yes) {
				rc = render_with(c, t, i + 1, nd->end, v);
			}
			c->nest--;
			if (rc < 0)
				return -1;
			i = nd->end;
			break;
		}
		case N_CLOSE:
			break;
		case N_PARTIAL: {
			const struct tmpl *p = strcmp(nd->text, "content") == 0
			                               ? c->content
			                               : find_partial(c->set, nd->text);
			if (!p || ++c->nest > RENDER_MAX_DEPTH)
				return -1;
			int rc = render_range(c, p, 0, p->n);
			c->nest--;
			if (rc < 0)
				return -1;
			break;
		}
		}
		if (c->out->failed)
			return -1;
	}
	return 0;
}

static int render_run(const struct render_set *set, const struct tmpl *t,
                      const struct tmpl *content, json_t *data, struct buf *out)
{
	struct rctx c = {.set = set, .content = content, .out = out};
	if (data)
		c.stack[c.depth++] = data;
	if (render_range(&c, t, 0, t->n) < 0 || out->failed)
		return -1;
	return 0;
}

int render_template(const struct render_set *set, const char *name, json_t *data, struct buf *out)
{
	const struct tmpl *t = find(set, name);
	if (!t)
		return -1;
	return render_run(set, t, NULL, data, out);
}

int render_page(const struct render_set *set, const char *page, json_t *data, struct buf *out)
{
	const struct tmpl *layout = find(set, "layout.html");
	const struct tmpl *content = find(set, page);
	if (!layout || !content)
		return -1;
	return render_run(set, layout, content, data, out);
}
